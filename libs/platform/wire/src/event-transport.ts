/** An event leaving its unit's outbox: what every transport carries, whatever its storage record. */
export interface OutgoingEvent {
  id: string;
  type: string;
  payload: string;
  occurredAt: Date;
  /** The W3C trace context of the change that published it, as JSON headers (see traceContextOf). */
  traceContext?: string | null;
}

/**
 * Where the relay hands an outbox event. Resolving means every subscriber has durably
 * accepted it (in-process: an inbox row; with a broker: a publish acknowledgement).
 */
export abstract class EventTransport {
  abstract deliver(event: OutgoingEvent): Promise<void>;
}
