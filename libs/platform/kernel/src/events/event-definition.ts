import type { DtoClass } from '../validation/dto-class';

/** A domain event type as declared in its publisher's contract: a stable name and its payload DTO. */
export interface EventDefinition<P extends object = object> {
  /** `<domain>.<event-name>`, e.g. `orders.order-confirmed`. */
  readonly type: string;
  readonly payload: DtoClass<P>;
}

/** Declares an event type; the payload DTO validates what is published and what is received. */
export function defineEvent<P extends object>(type: string, payload: DtoClass<P>): EventDefinition<P> {
  return { type, payload };
}

/** One event as a subscriber sees it. */
export interface DeliveredEvent<P extends object = object> {
  id: string;
  type: string;
  occurredAt: Date;
  payload: P;
}
