import type { OutboxEventRecord } from '../records/outbox-event.record';

/**
 * Where the relay hands an outbox event. Resolving means every subscriber has durably
 * accepted it (in-process: an inbox row; with a broker: a publish acknowledgement).
 */
export abstract class EventTransport {
  abstract deliver(event: OutboxEventRecord): Promise<void>;
}
