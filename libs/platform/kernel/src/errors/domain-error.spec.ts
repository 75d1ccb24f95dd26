import 'reflect-metadata';
import { DependencyUnavailableError, ValidationFailedError } from './common-errors';
import { DomainError } from './domain-error';
import { DomainErrorCode, domainErrorFromBody, isRegisteredDomainError } from './domain-error-code';
import { RemoteDomainError } from './remote-domain-error';

@DomainErrorCode('SPEC_SEAT_TAKEN', 'conflict')
class SeatTakenError extends DomainError {}

describe('@DomainErrorCode', () => {
  it('gives the class its code and kind and registers it, in one step', () => {
    const error = new SeatTakenError('taken');
    expect(error.code).toBe('SPEC_SEAT_TAKEN');
    expect(error.kind).toBe('conflict');
    expect(isRegisteredDomainError(SeatTakenError)).toBe(true);
  });

  it('tells a class declared without it from a registered one', () => {
    class Undeclared extends DomainError {}
    expect(isRegisteredDomainError(Undeclared)).toBe(false);
    expect(isRegisteredDomainError(RemoteDomainError)).toBe(false);
  });

  it('refuses a second class claiming a code already declared', () => {
    expect(() => {
      @DomainErrorCode('SPEC_SEAT_TAKEN', 'conflict')
      class OtherSeatTakenError extends DomainError {}
      return OtherSeatTakenError;
    }).toThrow('domain error code SPEC_SEAT_TAKEN is declared by both SeatTakenError and OtherSeatTakenError');
  });

  it('keeps the code out of the enumerable fields (a body is built by toBody, not by spreading)', () => {
    expect(Object.keys(new SeatTakenError('taken', { seat: '1A' }))).not.toContain('code');
  });
});

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
