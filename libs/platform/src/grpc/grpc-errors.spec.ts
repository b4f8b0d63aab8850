import { HttpException, NotFoundException } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ConcurrentUpdate, DomainRejection } from '@mb/kernel';
import { RequestRejection } from '../http/problem-details.filter';
import { grpcFailureOf, grpcStatusOf, INTERNAL_ERROR_DETAILS } from './grpc-errors';

describe('gRPC errors', () => {
  it.each([
    ['an invalid request', new DomainRejection('invalid', 'schedule.amounts_do_not_add_up', 'the shares add up to 9900 bps', 'milestones'), GrpcStatus.INVALID_ARGUMENT],
    ['an unknown id', new DomainRejection('not_found', 'contract.not_found', 'there is no contract con_1'), GrpcStatus.NOT_FOUND],
    ['a state that forbids it', new DomainRejection('conflict', 'milestone.illegal_transition', 'planned cannot be approved', 'status'), GrpcStatus.FAILED_PRECONDITION],
    ['a lost optimistic race', new ConcurrentUpdate('contract', 'con_1'), GrpcStatus.ABORTED],
  ])('answers %s with its status and keeps its stable code and message', (_case, rejection, status) => {
    // when a use case refuses
    const failure = grpcFailureOf(rejection);
    // then the call fails with the status of its kind, its code and its message
    expect(failure).toMatchObject({ status, code: rejection.code, details: rejection.message });
  });

  it('names the field a rejection is about, as the REST problem does', () => {
    const failure = grpcFailureOf(new DomainRejection('invalid', 'contract.unknown_client', 'there is no client cli_1', 'client_id'));
    expect(failure.errors).toEqual([{ field: 'client_id', rule: 'contract.unknown_client', message: 'there is no client cli_1' }]);
  });

  it('answers a refused request with INVALID_ARGUMENT naming each field and rule', () => {
    // given the validator's refusal of two fields
    const errors = [
      { field: 'ap_contact_email', rule: 'isEmail', message: 'ap_contact_email must be an email' },
      { field: 'milestones.0.title', rule: 'minLength', message: 'title must be longer than or equal to 1 characters' },
    ];
    const refusal = new RequestRejection(400, 'request.invalid', 'ap_contact_email: ap_contact_email must be an email; ...', errors);
    // when it is mapped, then every field and rule is kept
    expect(grpcFailureOf(refusal)).toEqual({ status: GrpcStatus.INVALID_ARGUMENT, code: 'request.invalid', details: refusal.message, errors });
  });

  it.each([
    [new HttpException('conflict', 409), GrpcStatus.FAILED_PRECONDITION, 'http.409'],
    [new NotFoundException(), GrpcStatus.NOT_FOUND, 'http.404'],
  ])('maps another refusal of the API layer by its HTTP status', (exception, status, code) => {
    expect(grpcFailureOf(exception)).toMatchObject({ status, code });
  });

  it.each([
    ['an unexpected error', new Error('relation "contract.contracts" does not exist')],
    ['a server-side HTTP error', new HttpException('upstream down', 502)],
    ['a thrown string', 'boom'],
  ])('answers %s with INTERNAL and hides what went wrong', (_case, exception) => {
    const failure = grpcFailureOf(exception);
    expect(failure).toEqual({ status: GrpcStatus.INTERNAL, code: 'internal_error', details: INTERNAL_ERROR_DETAILS });
  });

  it('puts the stable code and the fields in trailing metadata, as printable ASCII', () => {
    // given a refusal whose message is not ASCII
    const failure = grpcFailureOf(new DomainRejection('invalid', 'payment.exceeds_balance', 'over the balance — 10 €', 'amount_cents'));
    // when the status is built
    const status = grpcStatusOf(failure);
    // then the code and message are the status's, and the metadata carries the code and the fields
    expect(status).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: 'over the balance — 10 €' });
    expect(status.metadata.get('mb-error-code')).toEqual(['payment.exceeds_balance']);
    const [fields] = status.metadata.get('mb-errors') as string[];
    expect(fields).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(fields)).toEqual([{ field: 'amount_cents', rule: 'payment.exceeds_balance', message: 'over the balance — 10 €' }]);
  });

  it('leaves mb-errors out when no field is at fault', () => {
    const status = grpcStatusOf(grpcFailureOf(new DomainRejection('not_found', 'invoice.not_found', 'no invoice inv_1')));
    expect(status.metadata.get('mb-errors')).toEqual([]);
  });
});
