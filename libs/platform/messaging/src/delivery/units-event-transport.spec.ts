import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { IsInt, IsString } from 'class-validator';
import { lastValueFrom } from 'rxjs';
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
import type { EventInterestByDomain } from './peer-event-interest';
import { eventDeliveryPattern, UnitsEventTransport } from './units-event-transport';

// Two units of one topology, each a Nest app with its own SQLite databases, talking over real TCP
// on loopback: "front" hosts box-office (publishes), "back" hosts audit (subscribes to ticket-sold).

class TicketSold {
  @IsString() ticket: string;
  @IsInt() seats: number;
}
const TicketSoldEvent = defineEvent('box-office.ticket-sold', TicketSold);
/** Published by front, consumed by no domain of the topology. */
const TicketPrintedEvent = defineEvent('box-office.ticket-printed', TicketSold);

/** What each domain consumes, as a binary declares it (contract-registry's DOMAIN_CONSUMES). */
const INTEREST: EventInterestByDomain = { 'box-office': [], audit: [TicketSoldEvent.type] };

/** A row the subscriber writes: their count is the number of times the effect happened. */
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

/** A TCP port on loopback that nothing listens on right now (platform-testing's freePort would make a dependency cycle). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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

describe('events between two units over TCP (UnitsEventTransport)', () => {
  let topology: Topology;
  let backPort: number;
  let frontDir: string;
  let backDir: string;
  let front: INestApplicationContext | undefined;
  let back: INestApplicationContext | undefined;
  let raw: ClientProxy | undefined;

  const resolvedAs = (name: 'front' | 'back'): ResolvedUnit => ({ topology, unit: topology.units.find((u) => u.name === name)!, remoteDomains: [] });

  const startUnit = async (name: 'front' | 'back'): Promise<INestApplicationContext> => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ driver: 'sqlite', dataDir: name === 'front' ? frontDir : backDir } as PersistenceConfig),
        // env {}: addresses come from the topology, whatever the environment running the tests says.
        RemotePortsModule.forUnit({ resolved: resolvedAs(name), ports: {}, env: {} }),
        MessagingModule.forRoot(config, { eventInterest: INTEREST }),
        name === 'front' ? FrontDomainsModule : BackDomainsModule,
      ],
    }).compile();
    return moduleRef.init();
  };
  const startFront = async () => (front = await startUnit('front'));
  const startBack = async () => (back = await startUnit('back'));

  const db = (app: INestApplicationContext | undefined, domain: string) => app!.get(DomainDatabases).get(domain);
  const outbox = () => db(front, 'box-office').read((m) => m.find(OutboxEventRecord));
  const effects = () => db(back, 'audit').read((m) => m.find(EffectRow));
  const inboxRows = () => db(back, 'audit').read((m) => m.count(InboxMessageRecord));
  const sell = (ticket: string) => db(front, 'box-office').transaction((m) => front!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket, seats: 2 }));
  const print = (ticket: string) => db(front, 'box-office').transaction((m) => front!.get(EventPublisher).publish(m, TicketPrintedEvent, { ticket, seats: 2 }));
  const outboxRow = (id: string) => outbox().then((rows) => rows.find((r) => r.id === id));
  const published = (id: string) => waitFor(() => outboxRow(id), (row) => row?.publishedAt != null);

  beforeEach(async () => {
    frontDir = mkdtempSync(join(tmpdir(), 'units-front-'));
    backDir = mkdtempSync(join(tmpdir(), 'units-back-'));
    backPort = await freePort();
    topology = {
      name: 'spec-units',
      transport: 'tcp',
      units: [
        { name: 'front', domains: ['box-office'], address: `127.0.0.1:${await freePort()}` },
        { name: 'back', domains: ['audit'], address: `127.0.0.1:${backPort}` },
      ],
    } as Topology;
    handled.calls = 0;
  });

  afterEach(async () => {
    await raw?.close();
    await front?.close();
    await back?.close();
    raw = front = back = undefined;
    rmSync(frontDir, { recursive: true, force: true });
    rmSync(backDir, { recursive: true, force: true });
  });

  it("delivers an event published in one unit to the other unit's subscriber once, and marks it published", async () => {
    await startBack();
    await startFront();
    const eventId = await sell('A1');
    await waitFor(effects, (rows) => rows.length === 1);
    const [row] = await waitFor(outbox, (rows) => rows[0]?.publishedAt != null);
    expect(row).toMatchObject({ id: eventId, lastError: null });
    await sleep(200); // the relay keeps polling: nothing is delivered twice
    expect(await effects()).toEqual([{ id: eventId, ticket: 'A1' }]);
    expect(handled.calls).toBe(1);
  });

  it('keeps the event in the outbox while the other unit is down, and delivers it once when it starts', async () => {
    await startFront();
    const eventId = await sell('B2');
    const [pending] = await waitFor(outbox, (rows) => rows[0]?.lastError != null);
    expect(pending).toMatchObject({ id: eventId, publishedAt: null });
    expect(pending!.relayAttempts).toBeGreaterThanOrEqual(1);
    expect(pending!.lastError).toContain('back');
    expect(pending!.lastError).toContain('unavailable (connection refused)');

    await startBack();
    await waitFor(effects, (rows) => rows.length === 1, 8_000);
    const [published] = await waitFor(outbox, (rows) => rows[0]?.publishedAt != null);
    expect(published!.lastError).toBeNull();
    await sleep(200);
    expect(await effects()).toEqual([{ id: eventId, ticket: 'B2' }]);
    expect(handled.calls).toBe(1);
  });

  describe('an event type no other unit consumes', () => {
    // Every push reaches back's handler through the shared prototype, whichever instance receives it.
    let received: jest.SpyInstance;
    beforeEach(() => {
      received = jest.spyOn(UnitsEventTransport.prototype as unknown as { receive: (data: unknown) => Promise<unknown> }, 'receive');
    });
    afterEach(() => received.mockRestore());

    it('is marked published without a push, while a type the other unit consumes is still pushed and handled once', async () => {
      await startBack();
      await startFront();
      const printed = await print('P1');
      expect(await published(printed)).toMatchObject({ relayAttempts: 0, lastError: null });
      expect(received).not.toHaveBeenCalled();

      const sold = await sell('S1');
      await published(sold);
      await waitFor(effects, (rows) => rows.length === 1);
      expect(received).toHaveBeenCalledTimes(1);
      await sleep(200);
      expect(await effects()).toEqual([{ id: sold, ticket: 'S1' }]);
      expect(handled.calls).toBe(1);
    });

    it('does not wait for a unit that is down, while the consumed type waits for it and is handled once it restarts', async () => {
      await startBack();
      await startFront();
      await back!.close();
      const sold = await sell('S2');
      const printed = await print('P2');
      await published(printed);
      const pending = await waitFor(() => outboxRow(sold), (row) => row?.lastError != null);
      expect(pending).toMatchObject({ publishedAt: null });
      expect(pending!.lastError).toContain('back');

      await startBack();
      await waitFor(effects, (rows) => rows.length === 1, 8_000);
      await published(sold);
      await sleep(200);
      expect(await effects()).toEqual([{ id: sold, ticket: 'S2' }]);
      expect(handled.calls).toBe(1);
      expect(received.mock.calls.map(([data]) => (data as { type: string }).type)).not.toContain(TicketPrintedEvent.type);
    });
  });

  describe("a message sent straight to a unit's event pattern", () => {
    const deliver = (data: unknown) => lastValueFrom(raw!.send(eventDeliveryPattern('back'), data)) as Promise<Record<string, unknown>>;

    beforeEach(async () => {
      await startBack();
      raw = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: backPort } });
    });

    it('is rejected with VALIDATION_FAILED naming the fields when malformed, and writes nothing', async () => {
      const reply = (await deliver({ id: 'not-a-uuid', type: 'Not A Type', payload: 7, occurredAt: 'yesterday' })) as {
        ok: boolean;
        error: { code: string; details: { violations: { field: string }[] } };
      };
      expect(reply.ok).toBe(false);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.details.violations.map((v) => v.field).sort()).toEqual(['id', 'occurredAt', 'payload', 'type']);
      await expect(deliver('garbage')).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await expect(
        deliver({ id: '00000000-0000-4000-8000-000000000009', type: TicketSoldEvent.type, payload: '{}', occurredAt: new Date().toISOString(), extra: 1 }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { violations: [{ field: 'extra' }] } } });
      await sleep(100);
      expect(await inboxRows()).toBe(0);
      expect(handled.calls).toBe(0);
    });

    it('is accepted when well-formed, handled once, and a re-sent copy is not handled again', async () => {
      const event = { id: '00000000-0000-4000-8000-000000000001', type: TicketSoldEvent.type, payload: JSON.stringify({ ticket: 'C3', seats: 1 }), occurredAt: new Date().toISOString() };
      await expect(deliver(event)).resolves.toEqual({ ok: true, value: { accepted: true } });
      await waitFor(effects, (rows) => rows.length === 1);
      await expect(deliver(event)).resolves.toEqual({ ok: true, value: { accepted: true } });
      await sleep(200);
      expect(await inboxRows()).toBe(1);
      expect(handled.calls).toBe(1);
    });
  });
});
