// Telemetry first (see instrumentation.ts); imports run in this order.
import { stopTracing } from './instrumentation';
import { runService } from '@mb/platform';
import { notificationServiceDefinition } from './notification-service.definition';

void runService(notificationServiceDefinition, { stopTracing });
