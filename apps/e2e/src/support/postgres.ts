import { execFileSync } from 'node:child_process';

/** Set by jest.integration.config.cjs: the suites then run the monolith on PostgreSQL. */
const ADMIN_URL = process.env['FOODCOURT_E2E_POSTGRES'];

function databaseName(suite: string): string {
  return `foodcourt_e2e_${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

function psql(sql: string): void {
  execFileSync('psql', [ADMIN_URL!, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A fresh database per suite (dropped first if a previous run left it), so two suites never share state. */
export function recreatePostgresDatabase(suite: string): void {
  if (!ADMIN_URL) return;
  psql(`DROP DATABASE IF EXISTS ${databaseName(suite)} WITH (FORCE)`);
  psql(`CREATE DATABASE ${databaseName(suite)}`);
}

/** Drops a suite's database once its units are stopped. */
export function dropPostgresDatabase(suite: string): void {
  if (!ADMIN_URL) return;
  psql(`DROP DATABASE IF EXISTS ${databaseName(suite)} WITH (FORCE)`);
}

/** Environment that points a unit at its suite's database (nothing on embedded defaults). */
export function databaseEnv(suite: string): Record<string, string> {
  if (!ADMIN_URL) return {};
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName(suite)}`;
  return { DB_DRIVER: 'postgres', DATABASE_URL: url.toString() };
}
