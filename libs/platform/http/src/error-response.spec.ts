import 'reflect-metadata';
import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, DomainErrorCode, ValidationFailedError, type DomainErrorKind } from '@foodcourt/platform-kernel';
import { toErrorResponse } from './error-response';

function domainError(kind: DomainErrorKind, details?: Record<string, unknown>): DomainError {
  @DomainErrorCode(`SPEC_${kind.toUpperCase().replace('-', '_')}`, kind)
  class KindError extends DomainError {}
  return new KindError(`a ${kind} error`, details);
}

describe('toErrorResponse', () => {
  it.each([
    ['not-found', 404],
    ['conflict', 409],
    ['payment-required', 402],
    ['invalid-input', 400],
    ['unavailable', 503],
    ['unauthorized', 401],
    ['forbidden', 403],
  ] as const)('maps a DomainError of kind %s to status %i, keeping its code and message', (kind, status) => {
    const error = domainError(kind);
    expect(toErrorResponse(error)).toEqual({ statusCode: status, code: error.code, message: `a ${kind} error` });
  });

  it('keeps the details of a domain error', () => {
    const error = ValidationFailedError.fromViolations([{ field: 'lines.0.quantity', messages: ['too small'] }]);
    expect(toErrorResponse(error)).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: lines.0.quantity: too small',
      details: { violations: [{ field: 'lines.0.quantity', messages: ['too small'] }] },
    });
  });

  it('keeps the status of a Nest HttpException and derives the code from it', () => {
    expect(toErrorResponse(new NotFoundException('no such route'))).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'no such route' });
    expect(toErrorResponse(new BadRequestException(['a is bad', 'b is bad']))).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: 'a is bad; b is bad',
    });
  });

  it('answers a plain Error with 500 INTERNAL_ERROR and never leaks its message or stack', () => {
    const error = new Error('password=hunter2 at db.ts:12');
    const body = toErrorResponse(error);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    const serialized = JSON.stringify(body);
    expect(serialized).not.toContain('hunter2');
    expect(serialized).not.toContain(error.stack!.split('\n')[1]!.trim());
  });

  it('answers thrown non-errors with 500 too', () => {
    expect(toErrorResponse('boom')).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(toErrorResponse(undefined)).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('maps an error carrying statusCode 413 (as Fastify throws it) to PAYLOAD_TOO_LARGE', () => {
    const error = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toErrorResponse(error)).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' });
  });

  it('keeps a server-side status from a framework error but hides its message', () => {
    const error = Object.assign(new Error('upstream socket hang up'), { statusCode: 502 });
    expect(toErrorResponse(error)).toEqual({ statusCode: 502, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('answers a failed readiness check as 503 NOT_READY naming each check that is down and why', () => {
    const report = { status: 'error', info: {}, error: { 'database:payments': { status: 'down', message: 'unit payments: connection refused' } }, details: { 'database:payments': { status: 'down', message: 'unit payments: connection refused' }, 'database:orders': { status: 'up' } } };
    const thrown = new ServiceUnavailableException(report);
    expect(toErrorResponse(thrown)).toEqual({
      statusCode: 503,
      code: 'NOT_READY',
      message: 'not ready: database:payments (unit payments: connection refused)',
      details: { checks: report.details },
    });
    expect(toErrorResponse(new ServiceUnavailableException('plain'))).toMatchObject({ statusCode: 503, code: 'INTERNAL_ERROR' });
  });
});
