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
