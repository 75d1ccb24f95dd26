import { CreateMessagingTables1764000000000 } from './create-messaging-tables.migration';
import { DeadLetterRecord } from './dead-letter.record';
import { InboxMessageRecord } from './inbox-message.record';
import { OutboxEventRecord } from './outbox-event.record';

/** Entities every domain database includes next to its own. */
export const MESSAGING_ENTITIES = [OutboxEventRecord, InboxMessageRecord, DeadLetterRecord];
/** Migrations every domain database runs before its own. */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764000000000];
