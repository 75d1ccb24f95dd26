import type { EntityManager } from 'typeorm';
import type { SqlParams } from './sql-params';
import type { ProductDocument } from './product-document';

/** The SQL that finds products by words, for `search_product p` joined or extended as the driver needs. */
export interface TextMatch {
  /** FROM clause that includes `p`. */
  from: string;
  /** Condition that keeps only matching products. */
  where: string;
  /** Relevance, higher is better. */
  score: string;
}

/** The driver-specific half of the product index: the full-text structure next to search_product. */
export interface TextIndex {
  /** Binds the words and returns how to match them. */
  match(params: SqlParams, words: readonly string[]): TextMatch;
  /** ORDER BY expression for names, the same order on every driver. */
  readonly nameOrder: string;
  /** Called after `document` was written to search_product in the same transaction. */
  written(manager: EntityManager, document: ProductDocument): Promise<void>;
  /** Empties the full-text structure (search_product itself is emptied by the caller). */
  clear(manager: EntityManager): Promise<void>;
}
