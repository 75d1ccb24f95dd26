import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

/** No dead letter has that id in any database of this process. */
@DomainErrorCode('DEAD_LETTER_NOT_FOUND', 'not-found')
export class DeadLetterNotFoundError extends DomainError {}

/** No outbox of this process holds an event with that id. */
@DomainErrorCode('OUTBOX_EVENT_NOT_FOUND', 'not-found')
export class OutboxEventNotFoundError extends DomainError {}
