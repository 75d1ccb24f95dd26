import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { addressVariable } from '@foodcourt/platform-wire';
import { parseTopology, transportOf, type Topology, type TopologyUnit } from '@foodcourt/platform-topology';
import { freePort } from './free-port';
import { UnitProcess, WORKSPACE_ROOT } from './unit-process';

/** How to start every unit of a topology: the file, one data dir and one environment for all of them. */
export interface TopologyOptions {
  /** The topology file, absolute or relative to the workspace root, e.g. `topology/split-tcp.yaml`. */
  topologyFile: string;
  /** Shared by every unit: each opens only its own domains' databases, mail lands in `<dataDir>/mail`, logs in `<dataDir>/<unit>.log`. */
  dataDir: string;
  /** Given to every unit, so they all agree on addresses and namespace. */
  env?: Record<string, string>;
  /** Entry file per unit name, relative to the workspace root (default: see defaultEntry). */
  entries?: Record<string, string>;
  /** FOODCOURT_NAMESPACE of broker subjects and queues (default: unique per TopologyProcess). */
  namespace?: string;
  /** How long each unit may take to become ready (default 90 s: several units start at once). */
  readyTimeoutMs?: number;
}

/** One unit as it will be started. */
export interface UnitPlan {
  name: string;
  entry: string;
  args: string[];
  /** Its HTTP port (every unit serves /health; the HTTP unit the whole API). */
  port: number;
  /** Whether it serves the HTTP API. */
  http: boolean;
  /** host:port of its TCP transport, for units reached over TCP. */
  address?: string;
  /** Added to the topology's env for this process alone (UNIT_REPLICA_INDEX of a replica). */
  env?: Record<string, string>;
  logFileName: string;
}

/** Every unit of a topology with its ports, and the environment they all share. */
export interface TopologyPlan {
  topology: Topology;
  /** Absolute path of the topology file. */
  topologyFile: string;
  namespace: string;
  /** The caller's env plus FOODCOURT_NAMESPACE and every UNIT_<NAME>_ADDRESS. */
  env: Record<string, string>;
  units: UnitPlan[];
  /** The unit whose URL the API is reached at. */
  httpUnit: string;
}

let namespaces = 0;

/** Reads and validates a topology file (path absolute or relative to the workspace root). */
export function readTopology(file: string): { topology: Topology; topologyFile: string } {
  const topologyFile = isAbsolute(file) ? file : join(WORKSPACE_ROOT, file);
  return { topology: parseTopology(topologyFile, readFileSync(topologyFile, 'utf8')), topologyFile };
}

/**
 * The binary a unit runs by default: the gateway for a unit hosting no domain, the domain's
 * service for a unit named after the one domain it hosts, the monolith (which hosts any subset) otherwise.
 */
export function defaultEntry(unit: TopologyUnit): string {
  if (unit.domains.length === 0) return 'apps/gateway/src/main.ts';
  const service = `apps/${unit.name}-service/src/main.ts`;
  if (unit.domains.length === 1 && unit.domains[0] === unit.name && existsSync(join(WORKSPACE_ROOT, service))) return service;
  return 'apps/monolith/src/main.ts';
}

/**
 * Decides how to start every unit: a free HTTP port each, a free loopback TCP address for each
 * unit reached over TCP (UNIT_<NAME>_ADDRESS), a namespace of their own on a shared broker.
 */
export async function planTopology(options: TopologyOptions, pickPort: () => Promise<number> = freePort): Promise<TopologyPlan> {
  const { topology, topologyFile } = readTopology(options.topologyFile);
  const namespace = options.namespace ?? `${topology.name}-${process.pid}-${Date.now().toString(36)}-${++namespaces}`;

  const taken = new Set<number>();
  const nextPort = async () => {
    // freePort() closes its probe before returning: two calls can hand out the same port.
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await pickPort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
    throw new Error('no distinct free port found');
  };

  const env: Record<string, string> = { ...options.env, FOODCOURT_NAMESPACE: namespace };
  const units: UnitPlan[] = [];
  for (const unit of topology.units) {
    const replicas = unit.replicas ?? 1;
    // A unit alone in its topology, or hosting nothing, answers nobody over TCP.
    const servesTcp = transportOf(topology, unit) === 'tcp' && unit.domains.length > 0 && topology.units.length > 1;
    const addresses: string[] = [];
    for (let replica = 0; replica < replicas; replica++) {
      // Replica 1 is the unit's own name; the others are "<unit>.2", "<unit>.3"…
      const name = replica === 0 ? unit.name : `${unit.name}.${replica + 1}`;
      const port = await nextPort();
      const address = servesTcp ? `127.0.0.1:${await nextPort()}` : undefined;
      if (address) addresses.push(address);
      units.push({
        name,
        entry: options.entries?.[unit.name] ?? defaultEntry(unit),
        args: ['--topology', topologyFile, '--unit', unit.name],
        port,
        http: unit.http !== false,
        ...(address ? { address } : {}),
        ...(replicas > 1 ? { env: { UNIT_REPLICA_INDEX: String(replica) } } : {}),
        logFileName: `${name}.log`,
      });
    }
    if (addresses.length > 0) env[addressVariable(unit.name)] = addresses.join(',');
  }
  return { topology, topologyFile, namespace, env, units, httpUnit: httpUnitOf(topology, topologyFile) };
}

/** The unit the API is reached at: the first with `http` not false. */
function httpUnitOf(topology: Topology, topologyFile: string): string {
  const unit = topology.units.find((u) => u.http !== false);
  if (!unit) throw new Error(`topology file ${topologyFile}: no unit serves the HTTP API`);
  return unit.name;
}

/**
 * Every unit of a topology as child processes, started in parallel, reached through the unit
 * serving the HTTP API (the gateway, or the monolith when only payments is extracted).
 * Stands in for a single UnitProcess: start(), url, stop(), kill() act on the whole topology;
 * unit(name) stops and restarts one unit on the same HTTP port and TCP address.
 * Logs stay in `<dataDir>/<unit>.log`, also after a failure.
 */
export class TopologyProcess implements UnitProcess {
  /** Log of the unit serving the HTTP API. */
  readonly logFile: string;
  url = '';
  private current: TopologyPlan | undefined;
  private readonly units = new Map<string, UnitProcess>();

  constructor(private readonly options: TopologyOptions) {
    const { topology, topologyFile } = readTopology(options.topologyFile);
    this.logFile = join(options.dataDir, `${httpUnitOf(topology, topologyFile)}.log`);
  }

  /** How the units are started (ports, addresses, namespace, env): set by the first start(). */
  get plan(): TopologyPlan | undefined {
    return this.current;
  }

  /** Starts every unit at once; resolves when all are ready, or rejects naming each unit that is not, with its log's tail. */
  async start(): Promise<this> {
    const plan = await this.prepare();
    const units = [...this.units.entries()];
    const results = await Promise.allSettled(units.map(([, unit]) => unit.start()));
    const failures = units.flatMap(([name, unit], i) => {
      const result = results[i]!;
      return result.status === 'rejected' ? [{ name, unit, reason: (result.reason as Error).message.split('; log:\n')[0] }] : [];
    });
    if (failures.length > 0) {
      await this.kill();
      const where = relative(WORKSPACE_ROOT, plan.topologyFile);
      throw new Error(
        [
          `topology ${plan.topology.name} (${where}): ${failures.map((f) => `unit "${f.name}"`).join(', ')} did not start`,
          ...failures.map((f) => `unit "${f.name}": ${f.reason}\n--- last lines of ${f.unit.logFile} ---\n${tail(f.unit.log(), 40)}`),
        ].join('\n'),
      );
    }
    this.url = this.unit(plan.httpUnit).url;
    return this;
  }

  /** One unit, to stop and restart it alone (same HTTP port, same TCP address). */
  unit(name: string): UnitProcess {
    const unit = this.units.get(name);
    if (!unit) {
      throw new Error(this.current ? `topology ${this.current.topology.name} has no unit "${name}" (units: ${[...this.units.keys()].join(', ')})` : 'topology not started yet');
    }
    return unit;
  }

  /** Graceful stop (SIGTERM) of every unit at once; the first non-zero exit code, else 0. */
  async stop(): Promise<number | null> {
    return firstFailure(await Promise.all([...this.units.values()].map((unit) => unit.stop())));
  }

  /** Abrupt death of every unit. */
  async kill(): Promise<number | null> {
    return firstFailure(await Promise.all([...this.units.values()].map((unit) => unit.kill())));
  }

  /** Stalls every unit (SIGSTOP); unit(name).pause() stalls one. */
  pause(): void {
    for (const unit of this.units.values()) unit.pause();
  }

  resume(): void {
    for (const unit of this.units.values()) unit.resume();
  }

  /** Runs every unit to completion (start-up failures): the first non-zero exit code and every unit's log. */
  async runToExit(timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
    await this.prepare();
    const codes = await Promise.all([...this.units.values()].map(async (unit) => (await unit.runToExit(timeoutMs)).code));
    return { code: firstFailure(codes), output: this.log() };
  }

  /** Every unit's log, each under a `==> <file> <==` line. */
  log(): string {
    return [...this.units.values()].map((unit) => `==> ${unit.logFile} <==\n${unit.log()}`).join('\n');
  }

  private async prepare(): Promise<TopologyPlan> {
    if (this.current) return this.current;
    const plan = await planTopology(this.options);
    for (const unit of plan.units) {
      this.units.set(
        unit.name,
        new UnitProcess({
          name: `"${unit.name}" of topology ${plan.topology.name}`,
          entry: unit.entry,
          args: unit.args,
          dataDir: this.options.dataDir,
          env: unit.env ? { ...plan.env, ...unit.env } : plan.env,
          port: unit.port,
          logFileName: unit.logFileName,
          readyTimeoutMs: this.options.readyTimeoutMs ?? 90_000,
        }),
      );
    }
    this.current = plan;
    return plan;
  }
}

function firstFailure(codes: (number | null)[]): number | null {
  if (codes.length === 0) return null;
  return codes.find((code) => code !== 0) ?? 0;
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
