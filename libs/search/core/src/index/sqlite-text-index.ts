import type { EntityManager } from 'typeorm';
import { FTS_TABLE } from '../persistence/create-search-text-index.migration';
import { ftsMatchExpression } from './query-words';
import type { ProductDocument } from './product-document';
import type { SqlParams } from './sql-params';
import type { TextIndex, TextMatch } from './text-index';

/**
 * SQLite: the FTS5 table search_product_fts holds each product's name and description, rewritten
 * (delete + insert) whenever search_product changes. bm25 weighs a hit in the name ten times one
 * in the description; it is negative-is-better, so the score is its negation.
 */
export class SqliteTextIndex implements TextIndex {
  readonly nameOrder = 'lower(p.name)';

  constructor(private readonly products: string) {}

  match(params: SqlParams, words: readonly string[]): TextMatch {
    return {
      from: `${FTS_TABLE} JOIN ${this.products} p ON p.sku = ${FTS_TABLE}.sku`,
      where: `${FTS_TABLE} MATCH ${params.add(ftsMatchExpression(words))}`,
      score: `-bm25(${FTS_TABLE}, 0, 10.0, 1.0)`,
    };
  }

  async written(manager: EntityManager, document: ProductDocument): Promise<void> {
    await manager.query(`DELETE FROM ${FTS_TABLE} WHERE sku = ?`, [document.sku]);
    await manager.query(`INSERT INTO ${FTS_TABLE} (sku, name, description) VALUES (?, ?, ?)`, [document.sku, document.name, document.description]);
  }

  async clear(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM ${FTS_TABLE}`);
  }
}
