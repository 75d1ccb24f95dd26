import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** Repository root, found from this file so tests run from any working directory. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** How to start one unit: its entry file, environment and a folder for its data and log. */
export interface UnitOptions {
  /** Entry point relative to the workspace root, e.g. `apps/monolith/src/main.ts`. */
  entry: string;
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
  /** How long start-up may take before the unit is declared failed. */
  readyTimeoutMs?: number;
}

/** A unit running as a child process, reachable over real HTTP on loopback. */
export class UnitProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> | undefined;
  readonly logFile: string;
  url = '';

  constructor(private readonly options: UnitOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.logFile = join(options.dataDir, 'unit.log');
  }

  /** Spawns the unit and resolves once /health/ready answers 200. */
  async start(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.spawnChild({ PORT: String(port), HOST: '127.0.0.1' });
    let exitCode: number | null | undefined;
    void this.exit!.then((code) => (exitCode = code));
    const EXITED = -1;
    // Stops polling as soon as the child dies, so a failed start fails fast.
    const ready = waitFor(
      () => (exitCode !== undefined ? EXITED : fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status)),
      (status) => status === 200 || status === EXITED,
      { timeoutMs: this.options.readyTimeoutMs ?? 30_000, intervalMs: 50, what: `unit ${this.options.entry} ready` },
    );
    await ready.catch(async (error: Error) => {
      await this.kill();
      throw new Error(`${error.message}; log:\n${this.log()}`);
    });
    if (exitCode !== undefined) throw new Error(`unit exited with code ${exitCode} before it was ready; log:\n${this.log()}`);
    return this;
  }

  /** Runs the unit to completion (for start-up failures): its exit code and everything it wrote. */
  async runToExit(timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
    this.spawnChild({ PORT: String(await freePort()), HOST: '127.0.0.1' });
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const code = await this.exit!;
    clearTimeout(timer);
    return { code, output: this.log() };
  }

  /** Graceful stop (SIGTERM), as an orchestrator would. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  /** Abrupt death: no shutdown hook runs. */
  async kill(): Promise<number | null> {
    return this.signal('SIGKILL');
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exit!;
  }

  private spawnChild(extraEnv: Record<string, string>): void {
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', this.options.entry, ...(this.options.args ?? [])], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.node.json'),
        DATA_DIR: this.options.dataDir,
        ...extraEnv,
        ...this.options.env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.exit = new Promise((resolveExit) => this.child!.once('exit', (code) => resolveExit(code)));
  }
}
