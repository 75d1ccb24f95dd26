import { Logger } from '@nestjs/common';
import { validateDto } from '@foodcourt/platform-kernel';
import type { EventTransport, OutgoingEvent } from './event-transport';
import { withoutTraceContext } from './event-trace-context';
import { WireEvent } from './wire-event';

/** An event as it sits on a broker: the wire event plus the unit that published it. */
export interface BrokerEvent extends WireEvent {
  origin: string;
}

/** Serializes an outbox event for a broker. */
export function toBrokerMessage(event: OutgoingEvent, origin: string): Buffer {
  const message: BrokerEvent = { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt, origin };
  if (event.traceContext) message.traceContext = event.traceContext;
  return Buffer.from(JSON.stringify(message));
}

/** What a consumer does with a broker message: ack it, or retry it later. */
export type BrokerVerdict = 'ack' | 'retry';

/**
 * Accepts one broker message for this unit: inbox rows for its subscribers (deduped), then ack.
 * A message this unit published itself was already delivered locally; a malformed one is logged
 * and acknowledged (redelivering it cannot fix it) — the unit stays up and nothing is written.
 */
export async function acceptBrokerMessage(
  data: Buffer | Uint8Array,
  self: string,
  local: EventTransport,
  logger: Logger,
): Promise<BrokerVerdict> {
  let parsed: { origin?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { origin?: unknown };
  } catch {
    logger.warn('dropped a broker message that is not JSON');
    return 'ack';
  }
  if (parsed?.origin === self) return 'ack';
  let event: WireEvent;
  try {
    const { origin: _origin, ...withTrace } = parsed as Record<string, unknown>;
    const { rest, traceContext } = withoutTraceContext(withTrace);
    event = validateDto(WireEvent, rest);
    if (traceContext) event.traceContext = traceContext;
  } catch (error) {
    logger.warn(`dropped a malformed event: ${(error as Error).message}`);
    return 'ack';
  }
  try {
    await local.deliver(event);
    return 'ack';
  } catch (error) {
    logger.warn(`could not accept event ${event.id} yet, redelivery later: ${(error as Error).message}`);
    return 'retry';
  }
}
