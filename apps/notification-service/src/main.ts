import { runService } from '@mb/platform';
import { notificationServiceDefinition } from './notification-service.definition';

void runService(notificationServiceDefinition);
