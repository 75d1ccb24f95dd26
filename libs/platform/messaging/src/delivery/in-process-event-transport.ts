import { Injectable } from '@nestjs/common';
import { DomainDatabases } from '@foodcourt/platform-persistence';
import { InboxMessageRecord } from '../records/inbox-message.record';
import { EventTransport, type OutgoingEvent } from '@foodcourt/platform-wire';
import { InboxProcessor } from './inbox-processor';
import { SubscriptionRegistry } from './subscription-registry';

/** Delivers to subscribers in this process by writing one inbox row per subscriber (a duplicate is ignored). */
@Injectable()
export class InProcessEventTransport extends EventTransport {
  constructor(
    private readonly subscriptions: SubscriptionRegistry,
    private readonly databases: DomainDatabases,
    private readonly inbox: InboxProcessor,
  ) {
    super();
  }

  async deliver(event: OutgoingEvent): Promise<void> {
    const subscribers = this.subscriptions.forEventType(event.type);
    for (const subscriber of subscribers) {
      const now = new Date();
      await this.databases.get(subscriber.domain).transaction((manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(InboxMessageRecord)
          .values({
            eventId: event.id,
            subscriber: subscriber.name,
            type: event.type,
            payload: event.payload,
            occurredAt: event.occurredAt,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            receivedAt: now,
            handledAt: null,
            traceContext: event.traceContext ?? null,
          })
          .orIgnore()
          // Every column is given: no read-back of the defaulted attempts column (a SELECT per subscriber on SQLite).
          .updateEntity(false)
          .execute(),
      );
    }
    if (subscribers.length > 0) this.inbox.nudge();
  }
}
