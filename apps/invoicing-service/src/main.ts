// Telemetry first (see instrumentation.ts); imports run in this order.
import { stopTracing } from './instrumentation';
import { runService } from '@mb/platform';
import { invoicingServiceDefinition } from './invoicing-service.definition';

void runService(invoicingServiceDefinition, { stopTracing });
