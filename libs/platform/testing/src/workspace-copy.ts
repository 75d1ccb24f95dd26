import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from './unit-process';

/**
 * A throw-away copy of the workspace: every file git tracks or would track (`git ls-files -co
 * --exclude-standard`, so uncommitted work is in), node_modules symlinked rather than copied.
 */
export function copyWorkspace(prefix = 'foodcourt-copy-'): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((file) => file !== '' && file !== 'node_modules');
  for (const file of files) {
    const from = join(WORKSPACE_ROOT, file);
    // Listed by git but deleted in the work tree: not part of the copy.
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(from, join(root, file));
  }
  symlinkSync(realpathSync(join(WORKSPACE_ROOT, 'node_modules')), join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The environment for a command in the copy: without the NX_* variables of an Nx task this may run
 * inside (NX_WORKSPACE_ROOT_PATH and friends would point the inner Nx at this workspace), daemon
 * and cloud off.
 */
export function copyEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_') && key !== 'JEST_WORKER_ID'));
  // No colours: the output is read, not looked at.
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}
