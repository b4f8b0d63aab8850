import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { RegisterClientHandler } from '../../application/register-client/register-client.handler';
import { ContractQueries } from '../../application/queries/contract.queries';
import { CreateClientDto } from './create-client.dto';
import { clientView } from './contract.views';

@Controller('v1/clients')
export class ClientsController {
  constructor(
    private readonly registerClient: RegisterClientHandler,
    private readonly queries: ContractQueries,
  ) {}

  @Post()
  async create(@Body() body: CreateClientDto) {
    return clientView(await this.registerClient.execute({ name: body.name, apContactEmail: body.ap_contact_email }));
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return clientView(await this.queries.client(id));
  }
}
