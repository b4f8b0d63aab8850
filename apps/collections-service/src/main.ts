import { runService } from '@mb/platform';
import { collectionsServiceDefinition } from './collections-service.definition';

void runService(collectionsServiceDefinition);
