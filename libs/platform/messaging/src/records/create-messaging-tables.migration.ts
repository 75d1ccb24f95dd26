import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const date = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });
const text = (name: string, isNullable = false) => ({ name, type: 'text', isNullable });

/** Outbox, inbox and dead-letter tables; every domain database gets its own copy. */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'outbox_event',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'type', type: 'varchar', length: '200' },
          text('payload'),
          date('occurred_at'),
          date('published_at', true),
          { name: 'relay_attempts', type: 'integer', default: 0 },
          text('last_error', true),
        ],
        indices: [new TableIndex({ name: 'outbox_event_unpublished', columnNames: ['published_at', 'occurred_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'inbox_message',
        columns: [
          { ...id('event_id'), isPrimary: true },
          { name: 'subscriber', type: 'varchar', length: '200', isPrimary: true },
          { name: 'type', type: 'varchar', length: '200' },
          text('payload'),
          date('occurred_at'),
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          date('next_attempt_at'),
          text('last_error', true),
          date('received_at'),
          date('handled_at', true),
        ],
        indices: [new TableIndex({ name: 'inbox_message_due', columnNames: ['status', 'next_attempt_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'dead_letter',
        columns: [
          { ...id('id'), isPrimary: true },
          id('event_id'),
          { name: 'subscriber', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '200' },
          text('payload'),
          { name: 'attempts', type: 'integer' },
          text('error'),
          date('failed_at'),
        ],
        uniques: [new TableUnique({ name: 'dead_letter_event_subscriber', columnNames: ['event_id', 'subscriber'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('dead_letter');
    await runner.dropTable('inbox_message');
    await runner.dropTable('outbox_event');
  }
}
