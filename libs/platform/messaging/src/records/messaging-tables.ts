import { AddEventTraceContext1765000000000 } from './add-trace-context.migration';
import { CreateMessagingTables1764000000000 } from './create-messaging-tables.migration';
import { DeadLetterRecord } from './dead-letter.record';
import { InboxMessageRecord } from './inbox-message.record';
import { OutboxEventRecord } from './outbox-event.record';

/** Entities every domain database includes next to its own. */
export const MESSAGING_ENTITIES = [OutboxEventRecord, InboxMessageRecord, DeadLetterRecord];
/** Migrations every domain database runs (the tables before its own; later changes to them after). */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764000000000, AddEventTraceContext1765000000000];
