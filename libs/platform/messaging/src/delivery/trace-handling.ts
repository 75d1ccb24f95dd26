import type { Telemetry } from '@foodcourt/platform-observability';
import { traceContextHeaders } from '@foodcourt/platform-wire';
import type { InboxMessageRecord } from '../records/inbox-message.record';
import type { Subscription } from './subscription';

/**
 * Runs one subscriber on one inbox message as a CONSUMER span named after the subscriber, child
 * of the publishing change's context (stored with the event), and counts it handled or failed.
 * Without telemetry it only runs it.
 */
export async function traceHandling<T>(telemetry: Telemetry | undefined, subscription: Subscription, message: InboxMessageRecord, handle: () => Promise<T>): Promise<T> {
  if (!telemetry) return handle();
  const span = {
    kind: 'consumer' as const,
    parent: traceContextHeaders(message.traceContext),
    domain: subscription.domain,
    attributes: {
      'messaging.operation.type': 'process',
      'messaging.destination.name': message.type,
      'messaging.message.id': message.eventId,
      'foodcourt.attempt': message.attempts + 1,
    },
  };
  try {
    const result = await telemetry.inSpan(subscription.name, span, handle);
    telemetry.metrics?.eventsHandled.labels(subscription.domain, message.type).inc();
    return result;
  } catch (error) {
    telemetry.metrics?.eventsFailed.labels(subscription.domain, message.type).inc();
    throw error;
  }
}
