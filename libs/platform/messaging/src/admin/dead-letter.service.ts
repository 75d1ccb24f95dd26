import { Injectable } from '@nestjs/common';
import { DomainDatabases } from '@foodcourt/platform-persistence';
import { InboxProcessor } from '../delivery/inbox-processor';
import { OutboxRelay } from '../delivery/outbox-relay';
import { DeadLetterRecord } from '../records/dead-letter.record';
import { InboxMessageRecord } from '../records/inbox-message.record';
import { OutboxEventRecord } from '../records/outbox-event.record';
import { DeadLetterNotFoundError, OutboxEventNotFoundError } from './admin-errors';
import type { DeadLetterView, EventActionResult } from './dead-letter.view';

/** Operator actions on events: list and replay dead letters, re-send a published event. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly databases: DomainDatabases,
    private readonly inbox: InboxProcessor,
    private readonly relay: OutboxRelay,
  ) {}

  async list(): Promise<DeadLetterView[]> {
    const views: DeadLetterView[] = [];
    for (const database of this.databases.all()) {
      const rows = await database.read((m) => m.find(DeadLetterRecord, { order: { failedAt: 'DESC' } }));
      views.push(...rows.map((row) => ({ ...row, domain: database.domain })));
    }
    return views;
  }

  /** Gives a dead-lettered event back to its subscriber with a fresh set of attempts. */
  async replay(id: string): Promise<EventActionResult> {
    for (const database of this.databases.all()) {
      const letter = await database.read((m) => m.findOne(DeadLetterRecord, { where: { id } }));
      if (!letter) continue;
      await database.transaction(async (manager) => {
        await manager.delete(DeadLetterRecord, { id });
        await manager.update(
          InboxMessageRecord,
          { eventId: letter.eventId, subscriber: letter.subscriber },
          { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null },
        );
      });
      this.inbox.nudge();
      return { eventId: letter.eventId, domain: database.domain, action: 'replayed' };
    }
    throw new DeadLetterNotFoundError(`no dead letter with id ${id}`, { id });
  }

  /** Sends an outbox event again to every subscriber; those that handled it already ignore it (inbox). */
  async republish(eventId: string): Promise<EventActionResult> {
    for (const database of this.databases.all()) {
      const result = await database.transaction((m) => m.update(OutboxEventRecord, { id: eventId }, { publishedAt: null }));
      if (!result.affected) continue;
      this.relay.nudge();
      return { eventId, domain: database.domain, action: 'republished' };
    }
    throw new OutboxEventNotFoundError(`no outbox event with id ${eventId}`, { eventId });
  }
}
