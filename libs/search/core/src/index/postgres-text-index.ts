import type { EntityManager } from 'typeorm';
import { foldDiacritics } from '../persistence/diacritics';
import { tsQueryExpression } from './query-words';
import type { SqlParams } from './sql-params';
import type { TextIndex, TextMatch } from './text-index';

/**
 * PostgreSQL: the generated column search_product.document (name weighted A, description B,
 * GIN-indexed) follows every write by itself. ts_rank weighs A ten times B, like bm25 on SQLite.
 * The query is to_tsquery over the same quoted words SQLite matches, diacritics folded like
 * the documents, so "marg" finds "Margherita" and "creme" finds "Crème" on both drivers
 * (websearch_to_tsquery has no prefix search).
 */
export class PostgresTextIndex implements TextIndex {
  // Byte order after lower(), as SQLite's BINARY collation: the same order whatever the database's locale.
  readonly nameOrder = 'lower(p.name) COLLATE "C"';

  constructor(private readonly products: string) {}

  match(params: SqlParams, words: readonly string[]): TextMatch {
    return {
      from: `${this.products} p CROSS JOIN to_tsquery('simple', ${params.add(tsQueryExpression(words.map(foldDiacritics)))}) AS query`,
      where: 'p.document @@ query',
      score: `ts_rank('{0.1, 0.1, 0.1, 1.0}', p.document, query)`,
    };
  }

  async written(_manager: EntityManager, _document: unknown): Promise<void> {
    // The generated column is already up to date.
  }

  async clear(_manager: EntityManager): Promise<void> {
    // Emptying search_product empties its generated column.
  }
}
