import type { INestApplication } from '@nestjs/common';
import { AllErrorsFilter } from './all-errors.filter';
import { DtoValidationPipe } from './dto-validation.pipe';

/** Largest request body any endpoint accepts; larger ones get 413 before any handler runs. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Applies the HTTP conventions every unit serving the API shares: validation and the error body. */
export function configureHttp(app: INestApplication): void {
  app.useGlobalPipes(new DtoValidationPipe());
  // Also receives what Fastify rejects before routing (malformed JSON, oversized bodies):
  // Nest installs its exception layer as Fastify's error handler.
  app.useGlobalFilters(new AllErrorsFilter());
}
