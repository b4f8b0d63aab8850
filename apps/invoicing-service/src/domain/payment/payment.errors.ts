import { DomainRejection } from '@mb/kernel';

export const PaymentErrors = {
  notFound: (id: string) => new DomainRejection('not_found', 'payment.not_found', `payment ${id} does not exist`),
  clientNotKnown: (clientId: string) =>
    new DomainRejection('not_found', 'client.not_found', `client ${clientId} has no contract invoicing knows of`, 'client_id'),
  clientRequired: () =>
    new DomainRejection('invalid', 'payment.client_required', 'a payment naming no invoice must name its client (client_id)', 'client_id'),
  invoiceOfAnotherClient: (invoiceId: string, clientId: string) =>
    new DomainRejection('invalid', 'payment.invoice_of_another_client', `invoice ${invoiceId} is not one of client ${clientId}'s`, 'allocations'),
  duplicateAllocation: (invoiceId: string) =>
    new DomainRejection('invalid', 'payment.duplicate_allocation', `invoice ${invoiceId} is named twice in the allocations`, 'allocations'),
  allocationsExceedAmount: (allocatedCents: number, amountCents: number) =>
    new DomainRejection(
      'invalid',
      'payment.allocations_exceed_amount',
      `the allocations add up to ${allocatedCents}, more than the payment of ${amountCents}`,
      'allocations',
    ),
  receivedInTheFuture: (receivedOn: string, today: string) =>
    new DomainRejection('invalid', 'payment.received_on_in_future', `received_on ${receivedOn} is after today (${today}) in the client's time zone`, 'received_on'),
  duplicateReference: (clientId: string, externalReference: string) =>
    new DomainRejection(
      'conflict',
      'payment.duplicate_reference',
      `client ${clientId} already has a payment with the external reference "${externalReference}"; the same bank reference is recorded once`,
      'external_reference',
    ),
};
