// Spec support, not a spec (Jest runs only *.spec.ts) and not exported from the library's index:
// two units of one topology, each a Nest app
// with its own SQLite databases and messaging wired over the topology's transport: "front" hosts
// box-office (publishes), "back" hosts audit (subscribes to ticket-sold).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainDatabases, PersistenceModule, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { RemotePortsModule } from '@foodcourt/platform-ports';
import { type ResolvedUnit, type Topology } from '@foodcourt/platform-topology';
import type { EventDefinition } from '@foodcourt/platform-kernel';
import {
  EventPublisher,
  InboxMessageRecord,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  OutboxEventRecord,
  SubscriptionRegistry,
  type MessagingOptions,
} from '@foodcourt/platform-messaging';
import { CreateEffect1700000000000, EffectRow, messagingConfig, recordTicketSubscription, TicketSoldEvent, type TicketSold } from '@foodcourt/platform-messaging/testing';
import { UNIT_TRANSPORTS } from '../../unit-transports';

export * from '@foodcourt/platform-messaging/testing';

/** How many times back's audit subscriber ran (reset by each new TwoUnits). */
export const handled = { calls: 0 };

@Injectable()
class AuditSubscriber implements OnModuleInit {
  constructor(private readonly subscriptions: SubscriptionRegistry) {}
  onModuleInit(): void {
    this.subscriptions.subscribe(recordTicketSubscription(() => handled.calls++));
  }
}

@Module({ imports: [PersistenceModule.forDomain({ domain: 'box-office', entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS] })] })
class FrontDomainsModule {}

@Module({
  imports: [
    PersistenceModule.forDomain({ domain: 'audit', entities: [...MESSAGING_ENTITIES, EffectRow], migrations: [...MESSAGING_MIGRATIONS, CreateEffect1700000000000] }),
  ],
  providers: [AuditSubscriber],
})
class BackDomainsModule {}

export type UnitName = 'front' | 'back';

export interface TwoUnitsOptions {
  /** What RemotePortsModule.forUnit reads the units' addresses and brokers from. */
  env: NodeJS.ProcessEnv;
  /** The options of MessagingModule.forRoot (the event interest of each domain, say). */
  messaging?: MessagingOptions;
}

/** Two units "front" and "back" of `topology`, started on demand, with fresh data directories. */
export class TwoUnits {
  front: INestApplicationContext | undefined;
  back: INestApplicationContext | undefined;
  private readonly dataDirs: Record<UnitName, string> = {
    front: mkdtempSync(join(tmpdir(), 'units-front-')),
    back: mkdtempSync(join(tmpdir(), 'units-back-')),
  };

  constructor(
    readonly topology: Topology,
    private readonly options: TwoUnitsOptions,
  ) {
    handled.calls = 0;
  }

  /** Starts the unit `name` (again, after it was closed) and keeps it as `this[name]`. */
  async start(name: UnitName): Promise<INestApplicationContext> {
    const resolved: ResolvedUnit = { topology: this.topology, unit: this.topology.units.find((u) => u.name === name)!, remoteDomains: [] };
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ driver: 'sqlite', dataDir: this.dataDirs[name] } as PersistenceConfig),
        RemotePortsModule.forUnit({ resolved, ports: {}, transports: UNIT_TRANSPORTS, env: this.options.env }),
        MessagingModule.forRoot(messagingConfig(), this.options.messaging),
        name === 'front' ? FrontDomainsModule : BackDomainsModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    this[name] = app;
    return app;
  }

  /** Closes both units and removes their data. */
  async close(): Promise<void> {
    await this.front?.close();
    await this.back?.close();
    this.front = this.back = undefined;
    rmSync(this.dataDirs.front, { recursive: true, force: true });
    rmSync(this.dataDirs.back, { recursive: true, force: true });
  }

  readonly db = (name: UnitName, domain: string) => this[name]!.get(DomainDatabases).get(domain);
  readonly outbox = () => this.db('front', 'box-office').read((m) => m.find(OutboxEventRecord));
  readonly effects = () => this.db('back', 'audit').read((m) => m.find(EffectRow));
  readonly inboxRows = () => this.db('back', 'audit').read((m) => m.count(InboxMessageRecord));
  /** Publishes `event` (a TicketSold payload) from front's box-office; answers the event id. */
  readonly publish = (event: EventDefinition<TicketSold>, ticket: string) =>
    this.db('front', 'box-office').transaction((m) => this.front!.get(EventPublisher).publish(m, event, { ticket, seats: 2 }));
  readonly sell = (ticket: string) => this.publish(TicketSoldEvent, ticket);
}
