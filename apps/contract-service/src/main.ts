import { runService } from '@mb/platform';
import { contractServiceDefinition } from './contract-service.definition';

void runService(contractServiceDefinition);
