import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/** One product: what it is, what it costs, how many are left. `version` grows by one per change. */
@Entity('product')
export class ProductEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** Unit price in minor units. */
  @Column({ type: 'integer' })
  price: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'integer' })
  stock: number;

  @Column({ type: 'integer' })
  version: number;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;

  @IsoDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
