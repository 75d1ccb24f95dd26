import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The delivery log of the notifications domain (portable types only: varchar, text). */
export class CreateNotificationTables1764000000200 implements MigrationInterface {
  name = 'CreateNotificationTables1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'delivery',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'template', type: 'varchar', length: '40' },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'subject', type: 'text' },
          { name: 'transport', type: 'varchar', length: '10' },
          { name: 'location', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({ name: 'delivery_event', columnNames: ['event_id'] }),
          new TableIndex({ name: 'delivery_recipient_created', columnNames: ['recipient', 'created_at'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('delivery');
  }
}
