import type { INestApplication } from '@nestjs/common';
import { AllErrorsFilter } from './all-errors.filter';
import { DtoValidationPipe } from './dto-validation.pipe';
import { toErrorResponse } from './error-response';

/** Largest request body any endpoint accepts; larger ones get 413 before any handler runs. */
export const MAX_BODY_BYTES = 64 * 1024;

interface FastifyLike {
  setErrorHandler(handler: (error: unknown, request: unknown, reply: { status(code: number): { send(body: unknown): void } }) => void): void;
}

/** Applies the HTTP conventions every unit serving the API shares: validation and the error body. */
export function configureHttp(app: INestApplication): void {
  app.useGlobalPipes(new DtoValidationPipe());
  app.useGlobalFilters(new AllErrorsFilter());
  // Fastify rejects malformed or oversized bodies before Nest sees them: answer with the same body shape.
  const fastify = app.getHttpAdapter().getInstance() as FastifyLike;
  fastify.setErrorHandler((error, _request, reply) => {
    const body = toErrorResponse(error);
    reply.status(body.statusCode).send(body);
  });
}
