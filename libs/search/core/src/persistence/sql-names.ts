import type { DataSource } from 'typeorm';

/** The SQL dialects the search index speaks: the two drivers PersistenceModule opens. */
export type SearchDriver = 'sqlite' | 'postgres';

/** Which dialect `dataSource` speaks; any other driver is a configuration the index does not support. */
export function searchDriverOf(dataSource: DataSource): SearchDriver {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  throw new Error(`the search index supports better-sqlite3 and postgres, not ${type}`);
}

/**
 * The quoted, schema-qualified name of a search table for raw SQL. PostgreSQL keeps each domain
 * in its own schema and TypeORM does not set search_path, so raw statements must name it.
 */
export function tableName(dataSource: DataSource, table: string): string {
  const escape = (name: string) => dataSource.driver.escape(name);
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;
  return schema ? `${escape(schema)}.${escape(table)}` : escape(table);
}
