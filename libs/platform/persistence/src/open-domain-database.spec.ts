import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';
import { DomainDatabase } from './domain-database';
import { openDomainDatabase } from './open-domain-database';
import { migrationRuns, tempDataDir, Thing, THING_DEFINITION } from './spec-fixtures';

describe('openDomainDatabase (SQLite)', () => {
  let data: ReturnType<typeof tempDataDir>;
  const opened: DomainDatabase[] = [];

  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => (db.dataSource.isInitialized ? db.dataSource.destroy() : undefined)));
    data.remove();
  });

  async function open(domain: string, config = data.config, definition = THING_DEFINITION): Promise<DomainDatabase> {
    const db = await openDomainDatabase(config, { domain, ...definition });
    opened.push(db);
    return db;
  }

  it('creates <dataDir>/<domain>.sqlite and runs the migrations', async () => {
    const db = await open('kitchen');
    expect(db).toBeInstanceOf(DomainDatabase);
    expect(db.domain).toBe('kitchen');
    expect(db.dataSource.isInitialized).toBe(true);
    expect(existsSync(join(data.dir, 'kitchen.sqlite'))).toBe(true);
    await db.dataSource.getRepository(Thing).insert({ id: '1', name: 'pan' });
    expect(await db.dataSource.getRepository(Thing).count()).toBe(1);
  });

  it('creates a data directory that does not exist yet', async () => {
    const dir = join(data.dir, 'nested', 'deeper');
    await open('kitchen', { ...data.config, dataDir: dir });
    expect(existsSync(join(dir, 'kitchen.sqlite'))).toBe(true);
  });

  it('gives each domain its own file', async () => {
    await open('kitchen');
    await open('cellar');
    expect(existsSync(join(data.dir, 'kitchen.sqlite'))).toBe(true);
    expect(existsSync(join(data.dir, 'cellar.sqlite'))).toBe(true);
  });

  it('does not re-run applied migrations when the same directory is opened again, and keeps the data', async () => {
    const runsBefore = migrationRuns.count;
    const first = await open('kitchen');
    await first.dataSource.getRepository(Thing).insert({ id: '1', name: 'pan' });
    await first.dataSource.destroy();
    expect(migrationRuns.count).toBe(runsBefore + 1);

    const second = await open('kitchen');
    expect(migrationRuns.count).toBe(runsBefore + 1);
    expect(await second.dataSource.query('SELECT COUNT(*) AS n FROM migrations')).toEqual([{ n: 1 }]);
    expect(await second.dataSource.getRepository(Thing).count()).toBe(1);
  });

  it('puts the database in WAL mode', async () => {
    const db = await open('kitchen');
    expect(await db.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('fails with a message naming the domain when a migration fails', async () => {
    class Broken1700000000001 implements MigrationInterface {
      async up(): Promise<void> {
        throw new Error('column clash');
      }
      async down(): Promise<void> {}
    }
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const opening = openDomainDatabase(data.config, { domain: 'kitchen', entities: [Thing], migrations: [Broken1700000000001] });
    await expect(opening).rejects.toThrow('database of domain "kitchen" cannot be opened: column clash');
    log.mockRestore();
  });
});
