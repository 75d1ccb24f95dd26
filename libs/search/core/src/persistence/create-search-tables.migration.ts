import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The search read model, in portable types only (varchar, text, integer). */
export class CreateSearchTables1764000000500 implements MigrationInterface {
  name = 'CreateSearchTables1764000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'search_product',
        columns: [
          { name: 'sku', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'description', type: 'text' },
          { name: 'price', type: 'integer' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'stock', type: 'integer' },
          { name: 'version', type: 'integer' },
          { name: 'changed_at', type: 'varchar', length: '24' },
          { name: 'indexed_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({ name: 'search_product_price', columnNames: ['price'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('search_product');
  }
}
