import { Module } from '@nestjs/common';

/** Wiring only: the invoicing service's use cases, APIs and consumers are registered here. */
@Module({})
export class InvoicingModule {}
