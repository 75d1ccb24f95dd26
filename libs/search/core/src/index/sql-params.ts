import type { SearchDriver } from '../persistence/sql-names';

/** Collects bound parameters for one raw statement and hands out the driver's placeholder for each. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly driver: SearchDriver) {}

  /** Binds `value`; returns its placeholder (`?` on SQLite, `$n` on PostgreSQL). */
  add(value: unknown): string {
    this.values.push(value);
    return this.driver === 'postgres' ? `$${this.values.length}` : '?';
  }
}
