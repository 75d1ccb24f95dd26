import { Table, TableCheck, type MigrationInterface, type QueryRunner } from 'typeorm';

const varchar = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });

/** The product and stock_reservation tables, built with the Table API so the same migration runs on SQLite and PostgreSQL. */
export class CreateCatalogTables1764000000400 implements MigrationInterface {
  name = 'CreateCatalogTables1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'product',
        columns: [
          { ...varchar('sku', 64), isPrimary: true },
          varchar('name', 200),
          { name: 'description', type: 'text' },
          { name: 'price', type: 'integer' },
          varchar('currency', 3),
          { name: 'stock', type: 'integer' },
          { name: 'version', type: 'integer' },
          varchar('created_at', 24),
          varchar('updated_at', 24),
        ],
        // The conditional decrement already keeps stock >= 0; the database refuses it too.
        checks: [new TableCheck({ name: 'product_stock_not_negative', expression: 'stock >= 0' })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'stock_reservation',
        columns: [
          { ...varchar('order_id', 36), isPrimary: true },
          varchar('status', 10),
          { name: 'lines', type: 'text' },
          varchar('created_at', 24),
          varchar('updated_at', 24),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('stock_reservation');
    await runner.dropTable('product');
  }
}
