import { runService } from '@mb/platform';
import { milestoneServiceDefinition } from './milestone-service.definition';

void runService(milestoneServiceDefinition);
