import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/**
 * One product as search knows it: the last state the catalog told us (a read model, never
 * written by anyone but the search domain). The full-text part lives next to it, per driver
 * (an FTS5 table on SQLite, a generated tsvector column on PostgreSQL), outside this entity.
 */
@Entity('search_product')
@Index('search_product_price', ['price'])
export class SearchProductEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer' })
  price: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'integer' })
  stock: number;

  /** The catalog's version of this state; 0 when it came from a rebuild (the catalog's list has no version). */
  @Column({ type: 'integer' })
  version: number;

  /** When the catalog changed the product to this state: orders states when a version is unknown. */
  @IsoDateColumn({ name: 'changed_at' })
  changedAt: Date;

  @IsoDateColumn({ name: 'indexed_at' })
  indexedAt: Date;
}
