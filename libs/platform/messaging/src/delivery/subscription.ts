import type { EntityManager } from 'typeorm';
import type { DeliveredEvent, EventDefinition } from '@foodcourt/platform-kernel';

/**
 * A subscriber of one event type, owned by one domain. `handle` runs inside a transaction of
 * the subscriber's own database: what it writes through `manager` commits together with the
 * inbox row that marks the event handled.
 */
export interface Subscription<P extends object = object> {
  /** Stable and unique, e.g. `notifications.mail-order-confirmed`: the inbox key, so never rename lightly. */
  name: string;
  /** The domain whose database holds this subscriber's inbox. */
  domain: string;
  event: EventDefinition<P>;
  handle(event: DeliveredEvent<P>, manager: EntityManager): Promise<void>;
}
