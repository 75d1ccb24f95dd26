// Test-only helpers shared by this library's specs: a tiny entity, its migration and temp data dirs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { IsoDateColumn } from './iso-date-column';
import type { PersistenceConfig } from './persistence-config';

@Entity('thing')
export class Thing {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100, unique: true }) name: string;
  @Column({ type: 'integer', default: 0 }) count: number;
  @IsoDateColumn({ nullable: true }) at: Date | null;
}

/** How many times any CreateThing migration has run in this process. */
export const migrationRuns = { count: 0 };

export class CreateThing1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    migrationRuns.count++;
    await runner.createTable(
      new Table({
        name: 'thing',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'count', type: 'integer', default: 0 },
          { name: 'at', type: 'varchar', length: '24', isNullable: true },
        ],
      }),
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('thing');
  }
}

export const THING_DEFINITION = { entities: [Thing], migrations: [CreateThing1700000000000] };

/** A fresh data directory for one test; `remove()` deletes it. */
export function tempDataDir(prefix = 'persistence-spec-'): { dir: string; config: PersistenceConfig; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    config: { driver: 'sqlite', dataDir: dir } as PersistenceConfig,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
