import { execFileSync } from 'node:child_process';
import { readTopology } from '@foodcourt/platform-testing';

/**
 * Every domain of a Foodcourt topology, in the order the shipped topologies list them: read from
 * topology/monolith.yaml (its one unit hosts them all), so a generated domain is among them.
 */
export const DOMAINS: readonly string[] = readTopology('topology/monolith.yaml').topology.units.flatMap((unit) => unit.domains);

/**
 * One PostgreSQL database per domain, `<run>_<domain>`, for a suite that starts a topology of its
 * own (replicas, rolling restarts, faults) rather than the one jest.topology.cjs gives it.
 */
export function runDatabases(adminUrl: string, run: string) {
  const urlOf = (domain: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${run}_${domain}`;
    return url.toString();
  };
  return {
    urlOf,
    /** DATABASE_URL for the units (set after URL encoding, which would turn the braces into %7B/%7D). */
    databaseUrl: urlOf('DOMAIN').replace('_DOMAIN', '_{domain}'),
    /** One query in one domain's database, its rows as psql prints them unaligned. */
    psql: (domain: string, sql: string): string => execFileSync('psql', [urlOf(domain), '-v', 'ON_ERROR_STOP=1', '-tA', '-c', sql], { encoding: 'utf8' }).trim(),
    dropAll: (): void => {
      for (const domain of DOMAINS) execFileSync('psql', [adminUrl, '-q', '-c', `DROP DATABASE IF EXISTS ${run}_${domain} WITH (FORCE)`], { stdio: 'ignore' });
    },
  };
}
