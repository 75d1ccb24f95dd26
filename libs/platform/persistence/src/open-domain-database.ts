import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { DomainDatabase } from './domain-database';
import { domainDatabaseLocation } from './domain-database-url';
import { preparedSchema } from './postgres-bootstrap';
import type { PersistenceConfig } from './persistence-config';

/** What a domain brings to its own database: its entities and its migrations, nothing shared. */
export interface DomainDatabaseDefinition {
  domain: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
}

/**
 * Opens a domain's database and runs its pending migrations. SQLite: `<dataDir>/<domain>.sqlite`
 * in WAL mode. PostgreSQL: schema `<domain>` (created if missing), so no table is shared.
 *
 * When DATABASE_URL contains `{domain}`, each domain also gets a database of its own (created if
 * missing) and keeps its schema `<domain>` inside it, rather than using `public`: one code path for
 * both layouts, the same table names (raw SQL qualified with the schema keeps working), and a domain
 * can move between a shared database and its own one with a plain schema dump. Its database holds
 * only that schema, so no domain's tables land in another domain's database.
 */
export async function openDomainDatabase(config: PersistenceConfig, definition: DomainDatabaseDefinition): Promise<DomainDatabase> {
  const common = {
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const],
  };
  if (config.driver === 'postgres') {
    const location = domainDatabaseLocation(config.databaseUrl!, definition.domain);
    const options: DataSourceOptions = { ...common, type: 'postgres', url: location.url, schema: definition.domain, extra: { max: 10 } };
    return preparedSchema(location, definition.domain, () => initialize(definition.domain, options));
  }
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  return initialize(definition.domain, {
    ...common,
    type: 'better-sqlite3',
    database: join(dir, `${definition.domain}.sqlite`),
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  });
}

async function initialize(domain: string, options: DataSourceOptions): Promise<DomainDatabase> {
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`database of domain "${domain}" cannot be opened: ${(error as Error).message}`);
  }
  return new DomainDatabase(domain, dataSource);
}
