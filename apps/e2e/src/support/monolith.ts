import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UnitProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';
import { databaseEnv, recreatePostgresDatabase } from './postgres';
import { SHOP_ENV } from './shop';

/** Folder of one suite's data and logs; kept after the run so a failure can be read (git-ignored). */
export function suiteDir(suite: string): string {
  const dir = join(WORKSPACE_ROOT, 'tmp', 'e2e', suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  recreatePostgresDatabase(suite);
  return dir;
}

/**
 * Starts the monolith on embedded defaults (SQLite in `dataDir`, in-process bus, mail as files),
 * or on PostgreSQL when the suite runs as `npm run test:integration`.
 */
export function monolith(dataDir: string, env: Record<string, string> = {}): UnitProcess {
  return new UnitProcess({
    entry: 'apps/monolith/src/main.ts',
    dataDir,
    env: { EVENT_POLL_MS: '50', LOG_LEVEL: 'warn', ...SHOP_ENV, ...databaseEnv(basename(dataDir)), ...env },
  });
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
