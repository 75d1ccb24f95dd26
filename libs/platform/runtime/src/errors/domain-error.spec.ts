import 'reflect-metadata';
import { DependencyUnavailableError, ValidationFailedError } from './common-errors';
import { DomainError, RemoteDomainError, domainErrorFromBody, registerDomainError } from './domain-error';

class SeatTakenError extends DomainError {
  readonly code = 'SPEC_SEAT_TAKEN';
  readonly kind = 'conflict' as const;
}
registerDomainError(SeatTakenError);

describe('DomainError', () => {
  it('serializes to a body with code, kind, message and details', () => {
    const error = new SeatTakenError('seat 12A is taken', { seat: '12A' });
    expect(error.name).toBe('SeatTakenError');
    expect(error.toBody()).toEqual({ code: 'SPEC_SEAT_TAKEN', kind: 'conflict', message: 'seat 12A is taken', details: { seat: '12A' } });
  });

  it('leaves details out of the body when there are none', () => {
    expect(new SeatTakenError('taken').toBody()).toEqual({ code: 'SPEC_SEAT_TAKEN', kind: 'conflict', message: 'taken' });
  });
});

describe('domainErrorFromBody', () => {
  it('rebuilds a registered error as the same class with its code, message and details', () => {
    const rebuilt = domainErrorFromBody(new SeatTakenError('seat 12A is taken', { seat: '12A' }).toBody());
    expect(rebuilt).toBeInstanceOf(SeatTakenError);
    expect(rebuilt).toBeInstanceOf(DomainError);
    expect(rebuilt.code).toBe('SPEC_SEAT_TAKEN');
    expect(rebuilt.kind).toBe('conflict');
    expect(rebuilt.message).toBe('seat 12A is taken');
    expect(rebuilt.details).toEqual({ seat: '12A' });
  });

  it('rebuilds the platform errors, which register themselves', () => {
    const validation = domainErrorFromBody(ValidationFailedError.fromViolations([{ field: 'name', messages: ['name is bad'] }]).toBody());
    expect(validation).toBeInstanceOf(ValidationFailedError);
    expect((validation as ValidationFailedError).violations).toEqual([{ field: 'name', messages: ['name is bad'] }]);
    expect(domainErrorFromBody(new DependencyUnavailableError('db down').toBody())).toBeInstanceOf(DependencyUnavailableError);
  });

  it('turns an unknown code into a RemoteDomainError that keeps code, kind, message and details', () => {
    const rebuilt = domainErrorFromBody({ code: 'SPEC_FROM_THE_FUTURE', kind: 'payment-required', message: 'pay first', details: { amount: 5 } });
    expect(rebuilt).toBeInstanceOf(RemoteDomainError);
    expect(rebuilt).toBeInstanceOf(DomainError);
    expect(rebuilt.code).toBe('SPEC_FROM_THE_FUTURE');
    expect(rebuilt.kind).toBe('payment-required');
    expect(rebuilt.message).toBe('pay first');
    expect(rebuilt.details).toEqual({ amount: 5 });
    expect(rebuilt.toBody()).toEqual({ code: 'SPEC_FROM_THE_FUTURE', kind: 'payment-required', message: 'pay first', details: { amount: 5 } });
  });
});
