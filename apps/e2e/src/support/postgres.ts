import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readTopology } from '@foodcourt/platform-testing';

/** Set by jest.integration.config.cjs (and the PostgreSQL topology configs): the suites then run on PostgreSQL. */
const ADMIN_URL = process.env['FOODCOURT_E2E_POSTGRES'];

/** As in support/monolith.ts: the topology the suites run against. */
const TOPOLOGY = process.env['FOODCOURT_E2E_TOPOLOGY'] || 'monolith';

/**
 * The monolith keeps one database per suite (a schema per domain); a split topology one
 * database per suite and domain, as its units would have in production.
 */
const DOMAINS: string[] | undefined = TOPOLOGY === 'monolith' ? undefined : readTopology(`topology/${TOPOLOGY}.yaml`).topology.units.flatMap((u) => u.domains);

/** Stands for the domain in DATABASE_URL: each unit opens (creating it if missing) one database per domain it hosts. */
const DOMAIN_PLACEHOLDER = '{domain}';

function databaseName(suite: string): string {
  const topology = DOMAINS ? `${TOPOLOGY}_` : '';
  return `foodcourt_e2e_${topology}${suite}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}

/** The suite's databases: one, or one per domain. */
function databaseNames(suite: string): string[] {
  return DOMAINS ? DOMAINS.map((domain) => `${databaseName(suite)}_${domain}`) : [databaseName(suite)];
}

function psql(...statements: string[]): void {
  // One -c per statement: DROP/CREATE DATABASE cannot run inside a multi-statement transaction.
  execFileSync('psql', [ADMIN_URL!, '-v', 'ON_ERROR_STOP=1', '-q', ...statements.flatMap((sql) => ['-c', sql])], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const dropAll = (suite: string) => psql(...databaseNames(suite).map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

/**
 * A fresh database per suite (dropped first if a previous run left it), so two suites never share state.
 * Per-domain databases are only dropped: the units create them.
 */
export function recreatePostgresDatabase(suite: string): void {
  if (!ADMIN_URL) return;
  dropAll(suite);
  if (!DOMAINS) psql(`CREATE DATABASE ${databaseName(suite)}`);
}

/** Drops a suite's database(s) once its units are stopped. */
export function dropPostgresDatabase(suite: string): void {
  if (!ADMIN_URL) return;
  dropAll(suite);
}

/** Environment that points a unit at its suite's database(s) (nothing on embedded defaults). */
export function databaseEnv(suite: string): Record<string, string> {
  if (!ADMIN_URL) return {};
  const url = new URL(ADMIN_URL);
  // Set after URL encoding, which would turn the braces into %7B/%7D.
  url.pathname = `/${databaseName(suite)}${DOMAINS ? '_DOMAIN_PLACEHOLDER' : ''}`;
  return { DB_DRIVER: 'postgres', DATABASE_URL: url.toString().replace('_DOMAIN_PLACEHOLDER', `_${DOMAIN_PLACEHOLDER}`) };
}

/**
 * The tables of each domain's database, by domain: on PostgreSQL the tables (any schema) of the
 * suite's per-domain databases; on SQLite those of `<dataDir>/<domain>.sqlite`, read by `listSqlite`.
 */
export function domainTables(dataDir: string, suite: string, listSqlite: (file: string) => string[]): Record<string, string[]> {
  const domains = DOMAINS ?? [];
  if (!ADMIN_URL) return Object.fromEntries(domains.map((domain) => [domain, listSqlite(join(dataDir, `${domain}.sqlite`))]));
  return Object.fromEntries(
    domains.map((domain) => {
      const url = new URL(ADMIN_URL);
      url.pathname = `/${databaseName(suite)}_${domain}`;
      const out = execFileSync('psql', [url.toString(), '-At', '-c', "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"], {
        encoding: 'utf8',
      });
      // A table outside the domain's own schema would show up with its schema: keep the qualified name then.
      return [domain, out.split('\n').filter(Boolean).map((qualified) => (qualified.startsWith(`${domain}.`) ? qualified.slice(domain.length + 1) : qualified))];
    }),
  );
}
