import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** Repository root, found from this file so tests run from any working directory. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** How to start one unit: its entry file, environment and a folder for its data and log. */
export interface UnitOptions {
  /**
   * Entry point relative to the workspace root: a TypeScript source run through @swc-node/register, as
   * `npm start` does (`apps/monolith/src/main.ts`), or a bundle run by plain node (`dist/apps/<app>/main.js`, `nx build <app>`).
   */
  entry: string;
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
  /** How long start-up may take before the unit is declared failed. */
  readyTimeoutMs?: number;
  /** Named in errors (default: the entry). */
  name?: string;
  /** File name of the log inside dataDir (default `unit.log`); a restart appends to it. */
  logFileName?: string;
  /** HTTP port, the same on every start (default: a free port picked at each start). */
  port?: number;
}

interface Spawned {
  child: ChildProcess;
  exit: Promise<number | null>;
}

/**
 * Each unit's options and current child. Kept off the class so UnitProcess has public members
 * only and is a structural type: a group of units (TopologyProcess) can stand in for one.
 */
const internals = new WeakMap<UnitProcess, { options: UnitOptions; spawned?: Spawned }>();

/** A unit running as a child process, reachable over real HTTP on loopback. */
export class UnitProcess {
  readonly logFile: string;
  url = '';

  constructor(options: UnitOptions) {
    internals.set(this, { options });
    mkdirSync(options.dataDir, { recursive: true });
    this.logFile = join(options.dataDir, options.logFileName ?? 'unit.log');
  }

  /** Spawns the unit and resolves once /health/ready answers 200. */
  async start(): Promise<this> {
    const { options } = internals.get(this)!;
    const port = options.port ?? (await freePort());
    this.url = `http://127.0.0.1:${port}`;
    const { exit } = spawnUnit(this, { PORT: String(port), HOST: '127.0.0.1' });
    let exitCode: number | null | undefined;
    void exit.then((code) => (exitCode = code));
    const EXITED = -1;
    // Stops polling as soon as the child dies, so a failed start fails fast.
    const ready = waitFor(
      () => (exitCode !== undefined ? EXITED : fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status)),
      (status) => status === 200 || status === EXITED,
      { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 50, what: `unit ${options.name ?? options.entry} ready` },
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
    const { options } = internals.get(this)!;
    const { child, exit } = spawnUnit(this, { PORT: String(options.port ?? (await freePort())), HOST: '127.0.0.1' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exit;
    clearTimeout(timer);
    return { code, output: this.log() };
  }

  /** Graceful stop (SIGTERM), as an orchestrator would. */
  async stop(): Promise<number | null> {
    return signal(this, 'SIGTERM');
  }

  /** Abrupt death: no shutdown hook runs. */
  async kill(): Promise<number | null> {
    return signal(this, 'SIGKILL');
  }

  /** A stall, not a crash (SIGSTOP): the process keeps its sockets open and answers nothing until resume(). */
  pause(): void {
    internals.get(this)!.spawned?.child.kill('SIGSTOP');
  }

  /** Ends a pause() (SIGCONT): whatever waited in its sockets is served now. */
  resume(): void {
    internals.get(this)!.spawned?.child.kill('SIGCONT');
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}

async function signal(unit: UnitProcess, name: NodeJS.Signals): Promise<number | null> {
  const current = internals.get(unit)!.spawned;
  if (!current) return null;
  const { child, exit } = current;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill(name);
  return exit;
}

function spawnUnit(unit: UnitProcess, extraEnv: Record<string, string>): Spawned {
  const state = internals.get(unit)!;
  const { options } = state;
  const log = openSync(unit.logFile, 'a');
  const loader = options.entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
  const child = spawn(process.execPath, [...loader, options.entry, ...(options.args ?? [])], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.node.json'),
      DATA_DIR: options.dataDir,
      ...extraEnv,
      ...options.env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const started: Spawned = { child, exit: new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code))) };
  state.spawned = started;
  return started;
}
