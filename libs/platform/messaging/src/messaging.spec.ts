import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainDatabases, PersistenceModule, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { DeadLetterService } from './admin/dead-letter.service';
import { EventPublisher } from './delivery/event-publisher';
import { SubscriptionRegistry } from './delivery/subscription-registry';
import { CreateEffect1700000000000, EffectRow, messagingConfig, recordTicketSubscription, TicketSoldEvent, waitFor } from './testing';
import { MessagingModule } from './messaging.module';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from './records/messaging-tables';
import { OutboxEventRecord } from './records/outbox-event.record';

/** Subscriber whose behaviour a test can switch: healthy or always failing. */
const behaviour = { failing: false, calls: 0 };

@Injectable()
class EffectSubscriber implements OnModuleInit {
  constructor(private readonly subscriptions: SubscriptionRegistry) {}
  onModuleInit(): void {
    this.subscriptions.subscribe(
      recordTicketSubscription(() => {
        behaviour.calls++;
        if (behaviour.failing) throw new Error('printer on fire');
      }),
    );
  }
}

@Module({
  imports: [
    PersistenceModule.forDomain({ domain: 'box-office', entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS] }),
    PersistenceModule.forDomain({ domain: 'audit', entities: [...MESSAGING_ENTITIES, EffectRow], migrations: [...MESSAGING_MIGRATIONS, CreateEffect1700000000000] }),
  ],
  providers: [EffectSubscriber],
})
class DomainsModule {}

describe('messaging: outbox → relay → inbox → subscriber', () => {
  let dataDir: string;
  let app: INestApplicationContext | undefined;

  const start = async (relayEnabled = true) => {
    const moduleRef = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir } as PersistenceConfig), MessagingModule.forRoot(messagingConfig(relayEnabled)), DomainsModule],
    }).compile();
    app = await moduleRef.init();
    return app;
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const db = (domain: string) => app!.get(DomainDatabases).get(domain);
  const effects = () => db('audit').read((m) => m.count(EffectRow));
  const sell = (ticket = 'A1', seats = 2) =>
    db('box-office').transaction((m) => app!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket, seats }));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'messaging-'));
    behaviour.failing = false;
    behaviour.calls = 0;
  });
  afterEach(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a committed event to its subscriber once, even when it is re-sent', async () => {
    await start();
    const eventId = await sell();
    await waitFor(effects, (n) => n === 1);
    await app!.get(DeadLetterService).republish(eventId);
    await waitFor(() => db('box-office').read((m) => m.findOneByOrFail(OutboxEventRecord, { id: eventId })), (e) => e.publishedAt !== null);
    await waitFor(() => db('audit').read((m) => m.query(`SELECT status FROM inbox_message`)), (rows: { status: string }[]) => rows.every((r) => r.status === 'done'));
    expect(await effects()).toBe(1);
    expect(behaviour.calls).toBe(1);
  });

  it('publishes nothing when the business transaction rolls back', async () => {
    await start();
    await expect(
      db('box-office').transaction(async (m) => {
        await app!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket: 'B2', seats: 1 });
        throw new Error('business rule broken');
      }),
    ).rejects.toThrow('business rule broken');
    await sell('C3');
    await waitFor(effects, (n) => n === 1);
    const tickets = await db('audit').read((m) => m.find(EffectRow));
    expect(tickets.map((t) => t.ticket)).toEqual(['C3']);
  });

  it('rejects an event whose payload does not match its DTO before it reaches the outbox', async () => {
    await start();
    await expect(
      db('box-office').transaction((m) => app!.get(EventPublisher).publish(m, TicketSoldEvent, { ticket: 'D4', seats: 'two' } as never)),
    ).rejects.toThrow(/seats/);
    expect(await db('box-office').read((m) => m.count(OutboxEventRecord))).toBe(0);
  });

  it('dead-letters an event after maxAttempts and replays it once the handler is fixed', async () => {
    await start();
    behaviour.failing = true;
    await sell('E5');
    const letters = await waitFor(() => app!.get(DeadLetterService).list(), (l) => l.length === 1);
    expect(letters[0]).toMatchObject({ domain: 'audit', subscriber: 'audit.record-ticket', attempts: 3, error: 'printer on fire' });
    expect(behaviour.calls).toBe(3);
    behaviour.failing = false;
    await app!.get(DeadLetterService).replay(letters[0]!.id);
    await waitFor(effects, (n) => n === 1);
    expect(await app!.get(DeadLetterService).list()).toEqual([]);
  });

  it('dead-letters a received payload that does not match its DTO without calling the handler', async () => {
    await start();
    await db('box-office').transaction((m) =>
      m.insert(OutboxEventRecord, { id: '00000000-0000-4000-8000-000000000001', type: TicketSoldEvent.type, payload: '{"ticket":7}', occurredAt: new Date(), publishedAt: null, relayAttempts: 0, lastError: null }),
    );
    app!.get(DeadLetterService); // relay polls on its own
    const letters = await waitFor(() => app!.get(DeadLetterService).list(), (l) => l.length === 1);
    expect(letters[0]!.error).toMatch(/payload rejected.*ticket/);
    expect(behaviour.calls).toBe(0);
  });

  it('keeps events in the outbox while the relay is off and delivers them after a restart', async () => {
    await start(false);
    await sell('F6');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await effects()).toBe(0);
    await stop();
    await start(true);
    await waitFor(effects, (n) => n === 1);
  });
});
