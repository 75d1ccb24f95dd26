import type { DataSource } from 'typeorm';

/**
 * The quoted, schema-qualified name of a domain's table for raw SQL. PostgreSQL keeps each domain
 * in its own schema and TypeORM does not set search_path, so a raw statement (in a migration or a
 * hand-written query) must name it; SQLite has no schema.
 */
export function qualifiedTableName(dataSource: DataSource, table: string): string {
  const escape = (name: string) => dataSource.driver.escape(name);
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;
  return schema ? `${escape(schema)}.${escape(table)}` : escape(table);
}
