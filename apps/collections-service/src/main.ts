// Telemetry first (see instrumentation.ts); imports run in this order.
import { stopTracing } from './instrumentation';
import { runService } from '@mb/platform';
import { collectionsServiceDefinition } from './collections-service.definition';

void runService(collectionsServiceDefinition, { stopTracing });
