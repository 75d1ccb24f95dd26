import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { DomainDatabase } from './domain-database';
import { domainDatabaseLocation } from './domain-database-url';
import { openDomainDatabase } from './open-domain-database';
import type { PersistenceConfig } from './persistence-config';
import { createDatabaseIfMissing } from './postgres-bootstrap';
import { migrationRuns, Thing, THING_DEFINITION } from './spec-fixtures';

const ADMIN_URL = process.env['FOODCOURT_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Prefix of every database this run creates: unique per run, all dropped afterwards. */
const RUN = `fc_persistence_pg_${process.pid}_${Date.now().toString(36)}`;
const urlOf = (database: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString().replace('%7Bdomain%7D', '{domain}');
};

@Entity('barrel')
class Barrel {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'integer' }) litres: number;
}

class CreateBarrel1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'barrel',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'litres', type: 'integer' },
        ],
      }),
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('barrel');
  }
}

const BARREL_DEFINITION = { entities: [Barrel], migrations: [CreateBarrel1700000000000] };

/** Every table outside the system schemas, as `schema.table`. */
async function tablesOf(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(
    `SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

describe('openDomainDatabase (PostgreSQL)', () => {
  let admin: DataSource;
  const opened: DomainDatabase[] = [];

  const databases = async (): Promise<Array<{ datname: string; oid: number }>> =>
    admin.query(`SELECT datname, oid::int AS oid FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`, [RUN]);

  async function open(config: PersistenceConfig, domain: string, definition: typeof THING_DEFINITION | typeof BARREL_DEFINITION): Promise<DomainDatabase> {
    const db = await openDomainDatabase(config, { domain, ...definition });
    opened.push(db);
    return db;
  }

  beforeAll(async () => {
    admin = new DataSource({ type: 'postgres', url: ADMIN_URL, extra: { max: 1 } });
    await admin.initialize();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => (db.dataSource.isInitialized ? db.dataSource.destroy() : undefined)));
  });
  afterAll(async () => {
    if (!admin?.isInitialized) return;
    for (const { datname } of await databases()) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    expect(await databases()).toEqual([]);
    await admin.destroy();
  });

  describe('with {domain} in DATABASE_URL', () => {
    const config = { driver: 'postgres', dataDir: './unused', databaseUrl: urlOf(`${RUN}_{domain}`) } as PersistenceConfig;

    it('gives each domain a database of its own, created if missing, holding only its own tables', async () => {
      expect(await databases()).toEqual([]);
      const [kitchen, cellar] = await Promise.all([open(config, 'kitchen', THING_DEFINITION), open(config, 'cellar', BARREL_DEFINITION)]);

      expect((await databases()).map((d) => d.datname)).toEqual([`${RUN}_cellar`, `${RUN}_kitchen`]);
      expect(await kitchen.dataSource.query('SELECT current_database() AS db')).toEqual([{ db: `${RUN}_kitchen` }]);
      expect(await cellar.dataSource.query('SELECT current_database() AS db')).toEqual([{ db: `${RUN}_cellar` }]);
      expect(await tablesOf(kitchen.dataSource)).toEqual(['kitchen.migrations', 'kitchen.thing']);
      expect(await tablesOf(cellar.dataSource)).toEqual(['cellar.barrel', 'cellar.migrations']);
      const schemas = (ds: DataSource) =>
        ds.query(`SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
      expect(await schemas(kitchen.dataSource)).toEqual([{ table_schema: 'kitchen' }]);
      expect(await schemas(cellar.dataSource)).toEqual([{ table_schema: 'cellar' }]);

      await kitchen.transaction((m) => m.insert(Thing, { id: '1', name: 'pan' }));
      await cellar.transaction((m) => m.insert(Barrel, { id: '1', litres: 225 }));
      expect(await kitchen.read((m) => m.count(Thing))).toBe(1);
      expect(await cellar.read((m) => m.count(Barrel))).toBe(1);
    });

    it('reuses the database of a domain opened again: same database, migrations not re-run, data kept', async () => {
      const before = await databases();
      expect(before.map((d) => d.datname)).toEqual([`${RUN}_cellar`, `${RUN}_kitchen`]);
      const runsBefore = migrationRuns.count;

      const kitchen = await open(config, 'kitchen', THING_DEFINITION);

      expect(await databases()).toEqual(before); // same oids: nothing dropped or re-created
      expect(migrationRuns.count).toBe(runsBefore);
      expect(await kitchen.dataSource.getRepository(Thing).find()).toEqual([expect.objectContaining({ id: '1', name: 'pan' })]);
      expect(await tablesOf(kitchen.dataSource)).toEqual(['kitchen.migrations', 'kitchen.thing']);
    });

    it('creates a database once when several units create it at the same time', async () => {
      const { ownDatabase } = domainDatabaseLocation(config.databaseUrl!, 'pantry');
      await Promise.all(Array.from({ length: 4 }, () => createDatabaseIfMissing(ownDatabase!, 'pantry')));
      await createDatabaseIfMissing(ownDatabase!, 'pantry'); // already there: duplicate_database, ignored
      expect((await databases()).map((d) => d.datname)).toContain(`${RUN}_pantry`);

      const pantry = await open(config, 'pantry', THING_DEFINITION);
      expect(await tablesOf(pantry.dataSource)).toEqual(['pantry.migrations', 'pantry.thing']);
    });

    it('fails naming the database and the domain when the database cannot be created', async () => {
      const { ownDatabase } = domainDatabaseLocation(urlOf(`${RUN}_{domain}`), 'attic');
      const unreachable = { ...ownDatabase!, maintenanceUrl: urlOf(`${RUN}_no_such_maintenance_db`) };
      await expect(createDatabaseIfMissing(unreachable, 'attic')).rejects.toThrow(`database "${RUN}_attic" of domain "attic" cannot be created: `);
    });
  });

  describe('without {domain} in DATABASE_URL (unchanged)', () => {
    it('keeps every domain in its own schema of the one database', async () => {
      await admin.query(`CREATE DATABASE "${RUN}_shared"`);
      const existing = (await databases()).map((d) => d.datname);
      const config = { driver: 'postgres', dataDir: './unused', databaseUrl: urlOf(`${RUN}_shared`) } as PersistenceConfig;

      const [kitchen, cellar] = await Promise.all([open(config, 'kitchen', THING_DEFINITION), open(config, 'cellar', BARREL_DEFINITION)]);

      expect((await databases()).map((d) => d.datname)).toEqual(existing);
      expect(await kitchen.dataSource.query('SELECT current_database() AS db')).toEqual([{ db: `${RUN}_shared` }]);
      expect(await tablesOf(kitchen.dataSource)).toEqual(['cellar.barrel', 'cellar.migrations', 'kitchen.migrations', 'kitchen.thing']);
      expect(cellar.dataSource.options).toMatchObject({ schema: 'cellar', url: urlOf(`${RUN}_shared`) });
    });

    it('does not create a missing database', async () => {
      const config = { driver: 'postgres', dataDir: './unused', databaseUrl: urlOf(`${RUN}_missing`) } as PersistenceConfig;
      await expect(openDomainDatabase(config, { domain: 'kitchen', ...THING_DEFINITION })).rejects.toThrow(`database "${RUN}_missing" does not exist`);
      expect((await databases()).map((d) => d.datname)).not.toContain(`${RUN}_missing`);
    });
  });
});
