import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { toErrorResponse } from './error-response';

/** Global filter: every error becomes the documented error body; server errors are logged (a stack only for the unexpected), never sent. */
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toErrorResponse(error);
    // The unexpected gets its stack; an expected 503 (a dependency unavailable, a unit not ready) one line.
    if (body.code === 'INTERNAL_ERROR') this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    else if (body.statusCode >= 500) this.logger.warn(`${body.statusCode} ${body.code}: ${body.message}`);
    const reply = host.switchToHttp().getResponse<{ header(name: string, value: string): void; status(code: number): { send(body: unknown): void } }>();
    // An open breaker (or a full bulkhead) says when to come back: HTTP's own way to say it.
    const retryAfter = body.details?.['retryAfterSeconds'];
    if (body.statusCode === 503 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    reply.status(body.statusCode).send(body);
  }
}
