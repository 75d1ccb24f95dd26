// PostgreSQL set-up before a domain's DataSource opens: its database (only with `{domain}` in
// DATABASE_URL) and its schema. Internal to this library (not exported from the index).
import { DataSource } from 'typeorm';
import type { DomainDatabaseLocation } from './domain-database-url';

/** PostgreSQL error codes: invalid_catalog_name (no such database), duplicate_database, unique_violation. */
const NO_SUCH_DATABASE = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/**
 * Creates schema `schema` in the database of `location` if missing (with a database of its own,
 * DATABASE_URL with `{domain}`, first that database), then runs `work` (opening the domain's
 * DataSource, which migrates it) while holding a session advisory lock named after the schema:
 * replicas of one unit starting together migrate one after the other, and the second finds
 * nothing left to do, instead of both creating the same tables.
 */
export async function preparedSchema<T>(location: DomainDatabaseLocation, schema: string, work: () => Promise<T>): Promise<T> {
  let bootstrap: DataSource;
  try {
    bootstrap = await connect(location.url);
  } catch (error) {
    // The domain's own database is created on first use only, so an existing one needs no CREATEDB.
    if (!location.ownDatabase || errorCode(error) !== NO_SUCH_DATABASE) throw error;
    await createDatabaseIfMissing(location.ownDatabase, schema);
    bootstrap = await connect(location.url);
  }
  const lock = `foodcourt-migrations:${schema}`;
  try {
    await bootstrap.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    return await work();
  } finally {
    // Closing the session releases the lock, also when unlocking fails.
    await bootstrap.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => undefined);
    await bootstrap.destroy();
  }
}

/**
 * Creates the database from the server's `postgres` maintenance database unless it exists, also
 * when another unit creates it at the same time.
 */
export async function createDatabaseIfMissing(database: { name: string; maintenanceUrl: string }, domain: string): Promise<void> {
  let maintenance: DataSource | undefined;
  try {
    maintenance = await connect(database.maintenanceUrl);
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(database.name)}`);
  } catch (error) {
    // Another unit created it at the same time: 42P04 if it committed first, else 23505 on pg_database.
    const code = errorCode(error);
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) {
      throw new Error(`database "${database.name}" of domain "${domain}" cannot be created: ${(error as Error).message}`);
    }
  } finally {
    await maintenance?.destroy();
  }
}

async function connect(url: string): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url, extra: { max: 1 } });
  await dataSource.initialize();
  return dataSource;
}

function errorCode(error: unknown): unknown {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return candidate?.driverError?.code ?? candidate?.code;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
