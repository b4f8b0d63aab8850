// Telemetry first (see instrumentation.ts); imports run in this order.
import { stopTracing } from './instrumentation';
import { runService } from '@mb/platform';
import { milestoneServiceDefinition } from './milestone-service.definition';

void runService(milestoneServiceDefinition, { stopTracing });
