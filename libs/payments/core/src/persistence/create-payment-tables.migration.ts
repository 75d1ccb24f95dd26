import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

/** The payment table, built with the Table API so the same migration runs on SQLite and PostgreSQL. */
export class CreatePaymentTables1764000000100 implements MigrationInterface {
  name = 'CreatePaymentTables1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'payment',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('idempotency_key', 200),
          varchar('order_id', 36),
          varchar('customer_id', 36),
          varchar('status', 12),
          { name: 'amount', type: 'integer' },
          varchar('currency', 3),
          varchar('receipt_email', 254, true),
          { name: 'decline_reason', type: 'text', isNullable: true },
          varchar('provider_reference', 100, true),
          varchar('created_at', 24),
          varchar('updated_at', 24),
        ],
        uniques: [new TableUnique({ name: 'payment_idempotency_key', columnNames: ['idempotency_key'] })],
        indices: [new TableIndex({ name: 'payment_order_id', columnNames: ['order_id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('payment');
  }
}
