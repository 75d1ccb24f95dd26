import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The orders domain's own table. */
export class CreateOrderTables1764000000300 implements MigrationInterface {
  name = 'CreateOrderTables1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'customer_order',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '200' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'customer_id', type: 'varchar', length: '36' },
          { name: 'customer_email', type: 'varchar', length: '254' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'total', type: 'integer' },
          { name: 'lines', type: 'text' },
          { name: 'payment_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'failure_reason', type: 'text', isNullable: true },
          { name: 'failure_code', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({ name: 'customer_order_idempotency_key', columnNames: ['customer_id', 'idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'customer_order_customer', columnNames: ['customer_id', 'created_at'] }),
          new TableIndex({ name: 'customer_order_status', columnNames: ['status', 'updated_at'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('customer_order');
  }
}
