import { runService } from '@mb/platform';
import { invoicingServiceDefinition } from './invoicing-service.definition';

void runService(invoicingServiceDefinition);
