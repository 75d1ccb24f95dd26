import { execFileSync } from 'node:child_process';
import { copyEnv } from '@foodcourt/platform-testing';

/** Runs `npx <args>` in `cwd` and returns its output; throws with the output's tail when it fails. */
export function npx(cwd: string, args: string[], timeoutMs: number): string {
  try {
    return withoutAnsi(execFileSync('npx', args, { cwd, env: copyEnv(), encoding: 'utf8', stdio: 'pipe', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const tail = withoutAnsi(`${stdout}${stderr}`).trimEnd().split('\n').slice(-60).join('\n');
    throw new Error(`npx ${args.join(' ')} failed in ${cwd}:\n${tail}`);
  }
}

/** Some tools colour their output whatever the environment says. */
function withoutAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
