import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import { IsInt, IsString } from 'class-validator';
import { Column, Entity, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { DomainDatabases, PersistenceModule, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { RemotePortsModule, type ResolvedUnit, type Topology } from '@foodcourt/platform-runtime';
import { defineEvent } from '../events/event-definition';
import type { MessagingConfig } from '../messaging-config';
import { MessagingModule } from '../messaging.module';
import { InboxMessageRecord } from '../records/inbox-message.record';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '../records/messaging-tables';
import { OutboxEventRecord } from '../records/outbox-event.record';
import { EventPublisher } from './event-publisher';
import { SubscriptionRegistry } from './subscription-registry';

// Events between two units whose topology uses a broker (integration only: `npm run test:integration`).
// "front" hosts box-office and publishes; "back" hosts audit and subscribes.
const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const RABBITMQ_URL = process.env['RABBITMQ_URL'] || 'amqp://guest:guest@127.0.0.1:5672';

class TicketSold {
  @IsString() ticket: string;
  @IsInt() seats: number;
}
const TicketSoldEvent = defineEvent('box-office.ticket-sold', TicketSold);

@Entity('effect')
class EffectRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) ticket: string;
}

class CreateEffect1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({ name: 'effect', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }, { name: 'ticket', type: 'varchar', length: '100' }] }),
    );
  }
  async down(): Promise<void> {}
}

const handled = { calls: 0 };

@Injectable()
class AuditSubscriber implements OnModuleInit {
  constructor(private readonly subscriptions: SubscriptionRegistry) {}
  onModuleInit(): void {
    this.subscriptions.subscribe({
      name: 'audit.record-ticket',
      domain: 'audit',
      event: TicketSoldEvent,
      handle: async (event, manager: EntityManager) => {
        handled.calls++;
        await manager.insert(EffectRow, { id: event.id, ticket: event.payload.ticket });
      },
    });
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

const config: MessagingConfig = { relayEnabled: true, pollIntervalMs: 20, maxAttempts: 3, retryBaseMs: 5, retryMaxMs: 20 };

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sequence = 0;

/** Publishes raw bytes where the units' events travel, as a foreign or buggy publisher would. */
async function publishRaw(transport: 'nats' | 'rabbitmq', namespace: string, body: string): Promise<void> {
  if (transport === 'nats') {
    const connection = await natsConnect({ servers: NATS_URL });
    try {
      const { jetstream } = await import('@nats-io/jetstream');
      await jetstream(connection).publish(`${namespace}.events.junk`, body);
    } finally {
      await connection.close();
    }
    return;
  }
  const connection = await amqpConnect(RABBITMQ_URL);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(`${namespace}.events`, '', Buffer.from(body));
    await channel.waitForConfirms();
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** Removes what the units declared on the broker (streams, exchanges, queues) for `namespace`. */
async function deleteBrokerState(transport: 'nats' | 'rabbitmq', namespace: string): Promise<void> {
  if (transport === 'nats') {
    const connection = await natsConnect({ servers: NATS_URL });
    try {
      await (await jetstreamManager(connection)).streams.delete(`${namespace}_events`).catch(() => undefined);
    } finally {
      await connection.close();
    }
    return;
  }
  const connection = await amqpConnect(RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    for (const queue of ['events.front', 'events.back', 'front', 'back']) await channel.deleteQueue(`${namespace}.${queue}`);
    await channel.deleteExchange(`${namespace}.events`);
    await channel.close();
  } finally {
    await connection.close();
  }
}

describe.each(['nats' as const, 'rabbitmq' as const])('events between two units over %s', (transport) => {
  let namespace: string;
  let topology: Topology;
  let frontDir: string;
  let backDir: string;
  let front: INestApplicationContext | undefined;
  let back: INestApplicationContext | undefined;

  const startUnit = async (name: 'front' | 'back'): Promise<INestApplicationContext> => {
    const resolved: ResolvedUnit = { topology, unit: topology.units.find((u) => u.name === name)!, remoteDomains: [] };
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ driver: 'sqlite', dataDir: name === 'front' ? frontDir : backDir } as PersistenceConfig),
        RemotePortsModule.forUnit({ resolved, ports: {}, env: { FOODCOURT_NAMESPACE: namespace, NATS_URL, RABBITMQ_URL } }),
        MessagingModule.forRoot(config),
        name === 'front' ? FrontDomainsModule : BackDomainsModule,
      ],
    }).compile();
    return moduleRef.init();
  };

  const db = (app: INestApplicationContext | undefined, domain: string) => app!.get(DomainDatabases).get(domain);
  const outbox = () => db(front, 'box-office').read((m) => m.find(OutboxEventRecord));
  const effects = () => db(back, 'audit').read((m) => m.find(EffectRow));
  const sell = (ticket: string) => db(front, 'box-office').transaction((m) => front!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket, seats: 2 }));

  beforeEach(() => {
    namespace = `spec-events-${transport}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;
    frontDir = mkdtempSync(join(tmpdir(), 'units-front-'));
    backDir = mkdtempSync(join(tmpdir(), 'units-back-'));
    topology = {
      name: 'spec-units',
      transport,
      units: [
        { name: 'front', domains: ['box-office'] },
        { name: 'back', domains: ['audit'] },
      ],
    } as Topology;
    handled.calls = 0;
  });

  afterEach(async () => {
    await front?.close();
    await back?.close();
    front = back = undefined;
    await deleteBrokerState(transport, namespace);
    rmSync(frontDir, { recursive: true, force: true });
    rmSync(backDir, { recursive: true, force: true });
  });

  it("delivers an event published in one unit to the other unit's subscriber once", async () => {
    back = await startUnit('back');
    front = await startUnit('front');
    const eventId = await sell('A1');
    await waitFor(effects, (rows) => rows.length === 1);
    await waitFor(outbox, (rows) => rows[0]?.publishedAt != null);
    await sleep(200);
    expect(await effects()).toEqual([{ id: eventId, ticket: 'A1' }]);
    expect(handled.calls).toBe(1);
  });

  it('keeps an event for a unit that is down on the broker and delivers it once when the unit starts', async () => {
    front = await startUnit('front');
    const eventId = await sell('B2');
    // The broker stored it: the outbox row is done with, the event waits for "back" on the broker.
    const [row] = await waitFor(outbox, (rows) => rows[0]?.publishedAt != null);
    expect(row!.lastError).toBeNull();
    back = await startUnit('back');
    await waitFor(effects, (rows) => rows.length === 1);
    await sleep(200);
    expect(await effects()).toEqual([{ id: eventId, ticket: 'B2' }]);
    expect(handled.calls).toBe(1);
  });

  it('drops a malformed broker message without writing anything, and keeps consuming', async () => {
    back = await startUnit('back');
    front = await startUnit('front');
    await publishRaw(transport, namespace, 'not json');
    await publishRaw(transport, namespace, JSON.stringify({ id: 'nope', type: TicketSoldEvent.type, payload: 7, origin: 'elsewhere' }));
    await sleep(200);
    expect(await db(back, 'audit').read((m) => m.count(InboxMessageRecord))).toBe(0);
    const eventId = await sell('C3');
    await waitFor(effects, (rows) => rows.length === 1);
    expect(await effects()).toEqual([{ id: eventId, ticket: 'C3' }]);
    expect(handled.calls).toBe(1);
  });
});
