import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@foodcourt/platform-testing';

/** A notifications child process, and how it ended. */
export interface NotificationsChild {
  child: ChildProcess;
  /** The signal or exit code it ended with, or 'timeout' (it is then killed) if it is still running after `ms`. */
  exitWithin(ms: number): Promise<NodeJS.Signals | number | null | 'timeout'>;
  output: () => string;
}

/** Starts notifications-child.ts in its own process (as `npm start` runs TypeScript), so a spec can SIGKILL it. */
export function spawnNotificationsChild(dataDir: string, mailTransport: string): NotificationsChild {
  let output = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'notifications-child.ts')], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.node.json'), DATA_DIR: dataDir, MAIL_TRANSPORT: mailTransport },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const exitWithin = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
    try {
      const result = await Promise.race([exited, timedOut]);
      if (result === 'timeout') child.kill('SIGKILL'); // never leave a stray process behind a failed spec
      return result;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, exitWithin, output: () => output };
}
