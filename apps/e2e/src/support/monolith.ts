import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TopologyProcess, UnitProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';
import { databaseEnv, recreatePostgresDatabase } from './postgres';
import { NAMESPACE_FILE } from './purge-brokers';
import { SHOP_ENV } from './shop';

/**
 * The topology the suites run against: FOODCOURT_E2E_TOPOLOGY names a file in topology/
 * (set by jest.<topology>.config.cjs); `monolith` (one process) by default.
 */
export const E2E_TOPOLOGY = process.env['FOODCOURT_E2E_TOPOLOGY'] || 'monolith';

/** Tells this run's broker subjects and queues apart from earlier runs' and other suites'. */
const RUN = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** Folder of one suite's data and logs; kept after the run so a failure can be read (git-ignored). */
export function suiteDir(suite: string): string {
  const dir = join(WORKSPACE_ROOT, 'tmp', 'e2e', E2E_TOPOLOGY === 'monolith' ? '' : E2E_TOPOLOGY, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  recreatePostgresDatabase(suite);
  return dir;
}

/**
 * Starts the shop on embedded defaults (SQLite in `dataDir`, mail as files), or on PostgreSQL
 * when the suite runs as `npm run test:integration`: the monolith (log: `<dataDir>/unit.log`),
 * or every unit of FOODCOURT_E2E_TOPOLOGY, reached through the unit serving the HTTP API
 * (logs: `<dataDir>/<unit>.log`). A new call on the same `dataDir` is a restart: same data,
 * same broker namespace.
 */
export function monolith(dataDir: string, env: Record<string, string> = {}): UnitProcess {
  const suite = basename(dataDir);
  const unitEnv = { EVENT_POLL_MS: '50', LOG_LEVEL: 'warn', ...SHOP_ENV, ...databaseEnv(suite), ...env };
  if (E2E_TOPOLOGY === 'monolith') return new UnitProcess({ entry: 'apps/monolith/src/main.ts', dataDir, env: unitEnv });
  const namespace = `e2e-${suite.replace(/[^A-Za-z0-9_-]/g, '_')}-${RUN}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, NAMESPACE_FILE), namespace); // for purge-brokers.ts at the end of the run
  return new TopologyProcess({ topologyFile: `topology/${E2E_TOPOLOGY}.yaml`, dataDir, env: unitEnv, namespace });
}

/** The .eml files written so far, with their text. */
export function mailFiles(dataDir: string): { name: string; text: string }[] {
  const dir = join(dataDir, 'mail');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The .eml files that mention `needle` (an order id, a recipient). */
export function mailsAbout(dataDir: string, needle: string): { name: string; text: string }[] {
  return mailFiles(dataDir).filter((m) => m.text.includes(needle));
}

/** The order-confirmation .eml files for `orderId` (its payment receipt mentions the order too). */
export function confirmationsOf(dataDir: string, orderId: string): { name: string; text: string }[] {
  return mailsWithSubject(dataDir, `Your order ${orderId} is confirmed`);
}

/** The payment-receipt .eml files for `orderId`. */
export function receiptsOf(dataDir: string, orderId: string): { name: string; text: string }[] {
  return mailsWithSubject(dataDir, `Receipt for your payment for order ${orderId}`);
}

function mailsWithSubject(dataDir: string, subject: string): { name: string; text: string }[] {
  // A long Subject header is folded over lines: unfold before comparing.
  return mailFiles(dataDir).filter((m) => m.text.replace(/\r?\n[ \t]+/g, ' ').includes(`Subject: ${subject}`));
}
