import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

/** No dead letter has that id in any database of this process. */
export class DeadLetterNotFoundError extends DomainError {
  readonly code = 'DEAD_LETTER_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

/** No outbox of this process holds an event with that id. */
export class OutboxEventNotFoundError extends DomainError {
  readonly code = 'OUTBOX_EVENT_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

registerDomainError(DeadLetterNotFoundError);
registerDomainError(OutboxEventNotFoundError);
