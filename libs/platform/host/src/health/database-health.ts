import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainDatabases } from '@foodcourt/platform-persistence';
import { remoteCaller, RpcHandlers, UnitConnections, UnitDirectory } from '@foodcourt/platform-ports';
import { valueReply } from '@foodcourt/platform-wire';

/** Whether one domain's database answered, and why not. */
export interface DatabaseStatus {
  status: 'up' | 'down';
  message?: string;
}

/** The pattern a unit reports its databases' health on. */
export function healthPattern(unit: string): string {
  return `_health.${unit}`;
}

const REMOTE_HEALTH_TIMEOUT_MS = 1_500;

/**
 * The databases of every domain of the topology, by domain: this unit's own, and the other
 * units' as they report them over the unit transport (a unit that does not answer reports its
 * domains down). So /health/ready says the same thing whichever unit serves it.
 */
@Injectable()
export class DatabaseHealth implements OnModuleInit {
  private readonly callers = new Map<string, ReturnType<typeof remoteCaller>>();

  constructor(
    private readonly databases: DomainDatabases,
    private readonly directory: UnitDirectory,
    private readonly connections: UnitConnections,
    private readonly handlers: RpcHandlers,
  ) {}

  onModuleInit(): void {
    if (this.directory.peers().length > 0) this.handlers.register(healthPattern(this.directory.self), async () => valueReply(await this.local()));
  }

  /** This unit's databases only. */
  async local(): Promise<Record<string, DatabaseStatus>> {
    const entries = await Promise.all(
      this.databases.all().map(async (db): Promise<[string, DatabaseStatus]> => {
        try {
          await db.read((m) => m.query('SELECT 1'));
          return [db.domain, { status: 'up' }];
        } catch (error) {
          return [db.domain, { status: 'down', message: (error as Error).message }];
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Every unit's databases. */
  async all(): Promise<Record<string, DatabaseStatus>> {
    const units = this.directory.resolved.topology.units.filter((u) => u.name !== this.directory.self && u.domains.length > 0);
    const remote = await Promise.all(
      units.map(async (unit): Promise<Record<string, DatabaseStatus>> => {
        try {
          return (await this.callerOf(unit.name)(healthPattern(unit.name), {}, { timeoutMs: REMOTE_HEALTH_TIMEOUT_MS, idempotent: true })) as Record<string, DatabaseStatus>;
        } catch (error) {
          const down: DatabaseStatus = { status: 'down', message: `unit ${unit.name}: ${(error as Error).message}` };
          return Object.fromEntries(unit.domains.map((domain) => [domain, down]));
        }
      }),
    );
    return Object.assign({}, await this.local(), ...remote);
  }

  private callerOf(unit: string): ReturnType<typeof remoteCaller> {
    let caller = this.callers.get(unit);
    if (!caller) {
      caller = remoteCaller(`unit ${unit}`, this.connections.to(unit));
      this.callers.set(unit, caller);
    }
    return caller;
  }
}
