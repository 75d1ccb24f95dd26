import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { qualifiedTableName } from '@foodcourt/platform-persistence';

/**
 * Turns the delivery log into an outbox of e-mails: a row is now recorded with the event (PENDING)
 * and sent after that commit, so it carries what the send needs and how far it got. Rows from
 * before were written after their send: they become SENT, sent when they were created.
 */
export class DeliveryOutboxColumns1764000000201 implements MigrationInterface {
  name = 'DeliveryOutboxColumns1764000000201';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('delivery', [
      new TableColumn({ name: 'status', type: 'varchar', length: '10', default: "'SENT'" }),
      new TableColumn({ name: 'subscriber', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'text_body', type: 'text', isNullable: true }),
      new TableColumn({ name: 'html_body', type: 'text', isNullable: true }),
      new TableColumn({ name: 'attempts', type: 'integer', default: 0 }),
      new TableColumn({ name: 'next_attempt_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'last_error', type: 'text', isNullable: true }),
      new TableColumn({ name: 'sent_at', type: 'varchar', length: '24', isNullable: true }),
    ]);
    const delivery = qualifiedTableName(runner.connection, 'delivery');
    await runner.query(`UPDATE ${delivery} SET sent_at = created_at`);
    await runner.createIndex('delivery', new TableIndex({ name: 'delivery_due', columnNames: ['status', 'next_attempt_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('delivery', 'delivery_due');
    for (const column of ['sent_at', 'last_error', 'next_attempt_at', 'attempts', 'html_body', 'text_body', 'subscriber', 'status']) {
      await runner.dropColumn('delivery', column);
    }
  }
}
