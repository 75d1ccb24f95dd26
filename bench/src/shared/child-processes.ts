import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './report';
import { sleep } from './progress';

/** A TypeScript entry run the way `npm start` and the e2e suite run units: node -r @swc-node/register. */
export interface TsProcess {
  child: ChildProcess;
  pid: number;
  /** performance.now() just before spawn(). */
  spawnedAt: number;
  exit: Promise<number | null>;
  logFile: string;
}

/** Spawns `node -r @swc-node/register <entry> ...args` from the workspace root; output goes to `logFile`. */
export function spawnTs(entry: string, args: string[], env: Record<string, string>, logFile: string): TsProcess {
  return spawnNode(['-r', '@swc-node/register', entry, ...args], env, logFile);
}

/** Spawns `node <nodeArgs>` from the workspace root (SWC_NODE_PROJECT set, for entries that need it); output goes to `logFile`. */
export function spawnNode(nodeArgs: string[], env: Record<string, string>, logFile: string): TsProcess {
  const log = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.node.json'), ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not spawn node ${nodeArgs.join(' ')}`);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, pid: child.pid, spawnedAt, exit, logFile };
}

/**
 * Polls `url` every `intervalMs` until it answers 200; resolves with the milliseconds since the
 * process was spawned. Fails (with the log's tail) when the process exits or `timeoutMs` passes.
 */
export async function waitReady(proc: TsProcess, url: string, timeoutMs: number, intervalMs = 20): Promise<number> {
  let exited: number | null | undefined;
  void proc.exit.then((code) => (exited = code));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited !== undefined) throw new Error(`process exited with code ${exited} before ${url} answered; log:\n${tail(proc.logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - proc.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms; log:\n${tail(proc.logFile)}`);
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS); NaN where /proc is missing. */
export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux everywhere in practice). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, in microseconds, from /proc/<pid>/stat; NaN where /proc is missing. */
export function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ": utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`: always resolves once the process is gone. */
export async function stopProcess(proc: TsProcess, graceMs = 5_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exit;
  clearTimeout(timer);
}

/** Kills every child still running when the bench process exits early (Ctrl-C, a crash). */
const running = new Set<ChildProcess>();
export function track(proc: TsProcess): TsProcess {
  running.add(proc.child);
  void proc.exit.then(() => running.delete(proc.child));
  return proc;
}
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
