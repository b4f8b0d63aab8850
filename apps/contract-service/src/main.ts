// Telemetry first (see instrumentation.ts); imports run in this order.
import { stopTracing } from './instrumentation';
import { runService } from '@mb/platform';
import { contractServiceDefinition } from './contract-service.definition';

void runService(contractServiceDefinition, { stopTracing });
