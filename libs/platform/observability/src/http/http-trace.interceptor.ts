import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { httpContextOf } from './instrument-http';

/**
 * Runs an HTTP handler inside its request's SERVER span, so the port calls it makes are that span's
 * children and its log lines carry the trace id. (Fastify's hooks cannot wrap the handler in an
 * async context: the body is read on the socket's.)
 */
@Injectable()
export class HttpTraceInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const active = httpContextOf(execution.switchToHttp().getRequest());
    return new Observable((subscriber) => context.with(active, () => next.handle().subscribe(subscriber)));
  }
}
