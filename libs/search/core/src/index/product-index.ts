import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InjectDomainDatabase, qualifiedTableName, type DomainDatabase } from '@foodcourt/platform-persistence';
import { searchDriverOf, type SearchDriver } from '../persistence/sql-names';
import { SEARCH_DOMAIN } from '../search-domain';
import { PostgresTextIndex } from './postgres-text-index';
import { SqliteTextIndex } from './sqlite-text-index';
import type { IndexHit, IndexQuery, ProductDocument } from './product-document';
import { SqlParams } from './sql-params';
import type { TextIndex } from './text-index';

// A state replaces the stored one only when it is newer. Versions decide when both are known;
// a rebuilt row has version 0 (the catalog's list carries no version), so then the time of the
// change decides, and at the same time the known version wins over the unknown one.
const NEWER = `(
  (excluded.version > 0 AND p.version > 0 AND excluded.version > p.version)
  OR ((excluded.version = 0 OR p.version = 0)
      AND (excluded.changed_at > p.changed_at OR (excluded.changed_at = p.changed_at AND excluded.version > p.version)))
)`;

/**
 * The search read model: search_product plus its full-text structure, written only through the
 * caller's transaction (`manager`). Every user value reaches SQL as a bound parameter; the only
 * names put into SQL text are the fixed table names.
 */
@Injectable()
export class ProductIndex {
  private readonly driver: SearchDriver;
  private readonly products: string;
  private readonly text: TextIndex;

  constructor(@InjectDomainDatabase(SEARCH_DOMAIN) database: DomainDatabase) {
    this.driver = searchDriverOf(database.dataSource);
    this.products = qualifiedTableName(database.dataSource, 'search_product');
    this.text = this.driver === 'postgres' ? new PostgresTextIndex(this.products) : new SqliteTextIndex(this.products);
  }

  /** Stores `document` unless the index holds a newer state of the product; true when it did. */
  async put(manager: EntityManager, document: ProductDocument): Promise<boolean> {
    const params = new SqlParams(this.driver);
    const values = [
      document.sku,
      document.name,
      document.description,
      document.price,
      document.currency,
      document.stock,
      document.version,
      document.changedAt.toISOString(),
      new Date().toISOString(),
    ].map((value) => params.add(value));
    const written: unknown[] = await manager.query(
      `INSERT INTO ${this.products} AS p (sku, name, description, price, currency, stock, version, changed_at, indexed_at)
       VALUES (${values.join(', ')})
       ON CONFLICT (sku) DO UPDATE SET
         name = excluded.name, description = excluded.description, price = excluded.price, currency = excluded.currency,
         stock = excluded.stock, version = excluded.version, changed_at = excluded.changed_at, indexed_at = excluded.indexed_at
       WHERE ${NEWER}
       RETURNING sku`,
      params.values,
    );
    if (written.length === 0) return false;
    await this.text.written(manager, document);
    return true;
  }

  /** Removes every product from the index. */
  async clear(manager: EntityManager): Promise<void> {
    await this.text.clear(manager);
    await manager.query(`DELETE FROM ${this.products}`);
  }

  /** One page of matching products (best first, or by name without words) and how many match in all. */
  async search(manager: EntityManager, query: IndexQuery): Promise<{ hits: IndexHit[]; total: number }> {
    const page = new SqlParams(this.driver);
    const { from, where, score } = this.clauses(page, query);
    const order = query.words ? `score DESC, ${this.text.nameOrder}, p.sku` : `${this.text.nameOrder}, p.sku`;
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT p.sku, p.name, p.description, p.price, p.currency, p.stock, ${score} AS score
       FROM ${from} ${where} ORDER BY ${order} LIMIT ${page.add(query.limit)} OFFSET ${page.add(query.offset)}`,
      page.values,
    );
    const count = new SqlParams(this.driver);
    const counted = this.clauses(count, query);
    const [{ total }]: Array<{ total: unknown }> = await manager.query(`SELECT count(*) AS total FROM ${counted.from} ${counted.where}`, count.values);
    return { hits: rows.map(toHit), total: Number(total) };
  }

  // Binds parameters in the order they appear in the statement (SQLite's `?` are positional).
  private clauses(params: SqlParams, query: IndexQuery): { from: string; where: string; score: string } {
    const text = query.words ? this.text.match(params, query.words) : undefined;
    const conditions = text ? [text.where] : [];
    if (query.minPrice !== undefined) conditions.push(`p.price >= ${params.add(query.minPrice)}`);
    if (query.maxPrice !== undefined) conditions.push(`p.price <= ${params.add(query.maxPrice)}`);
    if (query.inStock !== undefined) conditions.push(query.inStock ? 'p.stock > 0' : 'p.stock = 0');
    return {
      from: text?.from ?? `${this.products} p`,
      where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
      score: text?.score ?? '0',
    };
  }
}

function toHit(row: Record<string, unknown>): IndexHit {
  return {
    sku: String(row['sku']),
    name: String(row['name']),
    description: String(row['description']),
    price: Number(row['price']),
    currency: String(row['currency']),
    stock: Number(row['stock']),
    score: Number(row['score']),
  };
}
