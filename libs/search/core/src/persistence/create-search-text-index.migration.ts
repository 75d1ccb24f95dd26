import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FOLD_FROM, FOLD_TO } from './diacritics';
import { qualifiedTableName } from '@foodcourt/platform-persistence';
import { searchDriverOf } from './sql-names';

/** Name of the SQLite FTS5 table that mirrors search_product's text. */
export const FTS_TABLE = 'search_product_fts';

/** A text column as PostgreSQL indexes it: diacritics folded as SQLite folds them, then the 'simple' configuration. */
const vector = (column: string) => `to_tsvector('simple', translate(coalesce(${column}, ''), '${FOLD_FROM}', '${FOLD_TO}'))`;

/**
 * The full-text index, in each driver's own way. SQLite: an FTS5 table (diacritics folded,
 * kept in sync by the index on every write). PostgreSQL: a stored generated tsvector column
 * (name weighted A, description B, diacritics folded the same way) with a GIN index, kept in
 * sync by the database itself.
 */
export class CreateSearchTextIndex1764000000501 implements MigrationInterface {
  name = 'CreateSearchTextIndex1764000000501';

  async up(runner: QueryRunner): Promise<void> {
    const products = qualifiedTableName(runner.connection, 'search_product');
    if (searchDriverOf(runner.connection) === 'sqlite') {
      await runner.query(
        `CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(sku UNINDEXED, name, description, tokenize = 'unicode61 remove_diacritics 2')`,
      );
      return;
    }
    await runner.query(
      `ALTER TABLE ${products} ADD COLUMN document tsvector GENERATED ALWAYS AS (` +
        `setweight(${vector('name')}, 'A') || setweight(${vector('description')}, 'B')` +
        `) STORED`,
    );
    await runner.query(`CREATE INDEX search_product_document ON ${products} USING GIN (document)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (searchDriverOf(runner.connection) === 'sqlite') {
      await runner.query(`DROP TABLE ${FTS_TABLE}`);
      return;
    }
    const products = qualifiedTableName(runner.connection, 'search_product');
    await runner.query(`DROP INDEX ${qualifiedTableName(runner.connection, 'search_product_document')}`);
    await runner.query(`ALTER TABLE ${products} DROP COLUMN document`);
  }
}
