import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEnv, waitFor } from '@foodcourt/platform-testing';

/**
 * One unit of a workspace copy as a child process, as `npm start` runs it (@swc-node/register).
 * platform-testing's UnitProcess runs from this workspace's root; a copy needs its own.
 */
export class UnitChild {
  private child: ChildProcess | undefined;
  readonly url: string;
  readonly logFile: string;

  constructor(
    private readonly root: string,
    private readonly entry: string,
    private readonly options: { port: number; dataDir: string; args?: string[]; env?: Record<string, string>; name: string },
  ) {
    this.url = `http://127.0.0.1:${options.port}`;
    this.logFile = join(options.dataDir, `${options.name}.log`);
  }

  /** Spawns the unit and resolves once /health/ready answers 200; fails with the log's tail if it exits or stays unready. */
  async start(timeoutMs = 120_000): Promise<this> {
    const { port, dataDir, args = [], env = {} } = this.options;
    mkdirSync(dataDir, { recursive: true });
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', this.entry, ...args], {
      cwd: this.root,
      env: copyEnv({ NODE_ENV: 'test', SWC_NODE_PROJECT: 'tsconfig.node.json', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json', ...env }),
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    const EXITED = -1;
    await waitFor(
      () => (child.exitCode !== null ? EXITED : fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status)),
      (status) => status === 200 || status === EXITED,
      { timeoutMs, intervalMs: 100, what: `${this.options.name} ready` },
    ).catch(async (error: Error) => {
      await this.stop();
      throw new Error(`${error.message}\n${this.tail()}`);
    });
    if (child.exitCode !== null) throw new Error(`${this.options.name} exited with code ${child.exitCode} before it was ready\n${this.tail()}`);
    return this;
  }

  /** SIGTERM (the unit drains), then SIGKILL if it is still there after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  tail(lines = 30): string {
    let text = '';
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      // No log yet.
    }
    return `--- last lines of ${this.logFile} ---\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`;
  }
}
