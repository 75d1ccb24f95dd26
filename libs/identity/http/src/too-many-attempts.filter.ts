import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { TooManyAttemptsError } from '@foodcourt/identity-contract';
import { toErrorResponse } from '@foodcourt/platform-http';

/** 429 TOO_MANY_ATTEMPTS with the standard error body plus a `Retry-After` header (seconds). */
@Catch(TooManyAttemptsError)
export class TooManyAttemptsFilter implements ExceptionFilter {
  catch(error: TooManyAttemptsError, host: ArgumentsHost): void {
    const body = toErrorResponse(error);
    const reply = host.switchToHttp().getResponse<{ header(name: string, value: string): unknown; status(code: number): { send(body: unknown): void } }>();
    reply.header('Retry-After', String(error.retryAfterSeconds));
    reply.status(body.statusCode).send(body);
  }
}
