import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { DomainDatabases, PersistenceModule, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { EventPublisher } from './delivery/event-publisher';
import { InProcessEventTransport } from './delivery/in-process-event-transport';
import { SubscriptionRegistry } from './delivery/subscription-registry';
import { CreateEffect1700000000000, EffectRow, messagingConfig, recordTicketSubscription, TicketSoldEvent, waitFor } from './testing';
import { MessagingModule } from './messaging.module';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from './records/messaging-tables';
import { InboxMessageRecord } from './records/inbox-message.record';

const ADMIN_URL = process.env['FOODCOURT_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `fc_messaging_pg_${process.pid}_${Date.now().toString(36)}`;
const EVENTS = 300;

/** Handler runs, across every replica: more than one per event means an event was handled twice. */
let handled = 0;

@Injectable()
class EffectSubscriber implements OnModuleInit {
  constructor(private readonly subscriptions: SubscriptionRegistry) {}
  onModuleInit(): void {
    this.subscriptions.subscribe(recordTicketSubscription(() => void handled++));
  }
}

@Module({
  imports: [
    PersistenceModule.forDomain({ domain: 'boxoffice', entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS] }),
    PersistenceModule.forDomain({ domain: 'audit', entities: [...MESSAGING_ENTITIES, EffectRow], migrations: [...MESSAGING_MIGRATIONS, CreateEffect1700000000000] }),
  ],
  providers: [EffectSubscriber],
})
class DomainsModule {}

/** One replica of a unit hosting boxoffice and audit, on the shared PostgreSQL database. */
async function startReplica(): Promise<INestApplicationContext> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  const persistence = { driver: 'postgres', dataDir: './unused', databaseUrl: url.toString() } as PersistenceConfig;
  const moduleRef = await Test.createTestingModule({
    imports: [PersistenceModule.forRoot(persistence), MessagingModule.forRoot(messagingConfig()), DomainsModule],
  }).compile();
  return moduleRef.init();
}

describe('messaging with two replicas of one unit on PostgreSQL', () => {
  let admin: DataSource;
  const replicas: INestApplicationContext[] = [];
  let relayed: jest.SpyInstance;

  beforeAll(async () => {
    admin = new DataSource({ type: 'postgres', url: ADMIN_URL, extra: { max: 1 } });
    await admin.initialize();
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    // Every event a relay hands to the transport, whichever replica's relay it is.
    relayed = jest.spyOn(InProcessEventTransport.prototype, 'deliver');
    // Both start at once on an empty database, as two pods of one Deployment do: each migrates under the lock.
    replicas.push(...(await Promise.all([startReplica(), startReplica()])));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    relayed?.mockRestore();
    await admin?.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin?.destroy();
  });

  const db = (replica: number, domain: string) => replicas[replica]!.get(DomainDatabases).get(domain);

  it('migrated each domain once although both replicas started together', async () => {
    const runs = await db(0, 'audit').read((m) => m.query(`SELECT name FROM "audit"."migrations" ORDER BY name`));
    expect(runs.length).toBe(new Set(runs.map((r: { name: string }) => r.name)).size);
    expect(runs.length).toBe(MESSAGING_MIGRATIONS.length + 1);
  });

  it('publishes each event once and handles it once, with both relays and both inbox processors running', async () => {
    relayed.mockClear();
    handled = 0;
    // Events committed through both replicas, while both relays poll.
    await Promise.all(
      Array.from({ length: EVENTS }, (_, i) =>
        db(i % 2, 'boxoffice').transaction((m) => replicas[i % 2]!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket: `T${i}`, seats: 1 })),
      ),
    );

    await waitFor(() => db(0, 'audit').read((m) => m.count(InboxMessageRecord, { where: { status: 'done' } })), (n) => n === EVENTS, 30_000);
    const unpublished = await db(1, 'boxoffice').read((m) => m.query(`SELECT count(*)::int AS n FROM "boxoffice"."outbox_event" WHERE published_at IS NULL`));

    expect(unpublished).toEqual([{ n: 0 }]);
    expect(relayed).toHaveBeenCalledTimes(EVENTS);
    expect(handled).toBe(EVENTS);
    expect(await db(1, 'audit').read((m) => m.count(EffectRow))).toBe(EVENTS);
    expect(await db(0, 'audit').read((m) => m.count(InboxMessageRecord))).toBe(EVENTS);
  });
});
