import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Topology } from '@foodcourt/platform-topology';
import { defineEvent } from '@foodcourt/platform-kernel';
import type { EventInterestByDomain } from '@foodcourt/platform-ports';
import { eventDeliveryPattern, TcpEventTransport } from '@foodcourt/platform-transport-tcp';
import { handled, sleep, TicketSold, TicketSoldEvent, TwoUnits, waitFor } from './testing/two-units.fixture';
import { freeLoopbackPort } from './testing/free-loopback-port';

// Two units of one topology, each a Nest app with its own SQLite databases, talking over real TCP
// on loopback: "front" hosts box-office (publishes), "back" hosts audit (subscribes to ticket-sold).

/** Published by front, consumed by no domain of the topology. */
const TicketPrintedEvent = defineEvent('box-office.ticket-printed', TicketSold);

/** What each domain consumes, as a binary declares it (contract-registry's DOMAIN_CONSUMES). */
const INTEREST: EventInterestByDomain = { 'box-office': [], audit: [TicketSoldEvent.type] };

describe('events between two units over TCP (TcpEventTransport)', () => {
  let backPort: number;
  let units: TwoUnits;
  let raw: ClientProxy | undefined;

  const print = (ticket: string) => units.publish(TicketPrintedEvent, ticket);
  const outboxRow = (id: string) => units.outbox().then((rows) => rows.find((r) => r.id === id));
  const published = (id: string) => waitFor(() => outboxRow(id), (row) => row?.publishedAt != null);

  beforeEach(async () => {
    backPort = await freeLoopbackPort();
    const topology = {
      name: 'spec-units',
      transport: 'tcp',
      units: [
        { name: 'front', domains: ['box-office'], address: `127.0.0.1:${await freeLoopbackPort()}` },
        { name: 'back', domains: ['audit'], address: `127.0.0.1:${backPort}` },
      ],
    } as Topology;
    // env {}: addresses come from the topology, whatever the environment running the tests says.
    units = new TwoUnits(topology, { env: {}, messaging: { eventInterest: INTEREST } });
  });

  afterEach(async () => {
    await raw?.close();
    raw = undefined;
    await units.close();
  });

  it("delivers an event published in one unit to the other unit's subscriber once, and marks it published", async () => {
    await units.start('back');
    await units.start('front');
    const eventId = await units.sell('A1');
    await waitFor(units.effects, (rows) => rows.length === 1);
    const [row] = await waitFor(units.outbox, (rows) => rows[0]?.publishedAt != null);
    expect(row).toMatchObject({ id: eventId, lastError: null });
    await sleep(200); // the relay keeps polling: nothing is delivered twice
    expect(await units.effects()).toEqual([{ id: eventId, ticket: 'A1' }]);
    expect(handled.calls).toBe(1);
  });

  it('keeps the event in the outbox while the other unit is down, and delivers it once when it starts', async () => {
    await units.start('front');
    const eventId = await units.sell('B2');
    const [pending] = await waitFor(units.outbox, (rows) => rows[0]?.lastError != null);
    expect(pending).toMatchObject({ id: eventId, publishedAt: null });
    expect(pending!.relayAttempts).toBeGreaterThanOrEqual(1);
    expect(pending!.lastError).toContain('back');
    expect(pending!.lastError).toContain('unavailable (connection refused)');

    await units.start('back');
    await waitFor(units.effects, (rows) => rows.length === 1, 8_000);
    const [published] = await waitFor(units.outbox, (rows) => rows[0]?.publishedAt != null);
    expect(published!.lastError).toBeNull();
    await sleep(200);
    expect(await units.effects()).toEqual([{ id: eventId, ticket: 'B2' }]);
    expect(handled.calls).toBe(1);
  });

  describe('an event type no other unit consumes', () => {
    // Every push reaches back's handler through the shared prototype, whichever instance receives it.
    let received: jest.SpyInstance;
    beforeEach(() => {
      received = jest.spyOn(TcpEventTransport.prototype as unknown as { receive: (data: unknown) => Promise<unknown> }, 'receive');
    });
    afterEach(() => received.mockRestore());

    it('is marked published without a push, while a type the other unit consumes is still pushed and handled once', async () => {
      await units.start('back');
      await units.start('front');
      const printed = await print('P1');
      expect(await published(printed)).toMatchObject({ relayAttempts: 0, lastError: null });
      expect(received).not.toHaveBeenCalled();

      const sold = await units.sell('S1');
      await published(sold);
      await waitFor(units.effects, (rows) => rows.length === 1);
      expect(received).toHaveBeenCalledTimes(1);
      await sleep(200);
      expect(await units.effects()).toEqual([{ id: sold, ticket: 'S1' }]);
      expect(handled.calls).toBe(1);
    });

    it('does not wait for a unit that is down, while the consumed type waits for it and is handled once it restarts', async () => {
      await units.start('back');
      await units.start('front');
      await units.back!.close();
      const sold = await units.sell('S2');
      const printed = await print('P2');
      await published(printed);
      const pending = await waitFor(() => outboxRow(sold), (row) => row?.lastError != null);
      expect(pending).toMatchObject({ publishedAt: null });
      expect(pending!.lastError).toContain('back');

      await units.start('back');
      await waitFor(units.effects, (rows) => rows.length === 1, 8_000);
      await published(sold);
      await sleep(200);
      expect(await units.effects()).toEqual([{ id: sold, ticket: 'S2' }]);
      expect(handled.calls).toBe(1);
      expect(received.mock.calls.map(([data]) => (data as { type: string }).type)).not.toContain(TicketPrintedEvent.type);
    });
  });

  describe("a message sent straight to a unit's event pattern", () => {
    const deliver = (data: unknown) => lastValueFrom(raw!.send(eventDeliveryPattern('back'), data)) as Promise<Record<string, unknown>>;

    beforeEach(async () => {
      await units.start('back');
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
      expect(await units.inboxRows()).toBe(0);
      expect(handled.calls).toBe(0);
    });

    it('is accepted when well-formed, handled once, and a re-sent copy is not handled again', async () => {
      const event = { id: '00000000-0000-4000-8000-000000000001', type: TicketSoldEvent.type, payload: JSON.stringify({ ticket: 'C3', seats: 1 }), occurredAt: new Date().toISOString() };
      await expect(deliver(event)).resolves.toEqual({ ok: true, value: { accepted: true } });
      await waitFor(units.effects, (rows) => rows.length === 1);
      await expect(deliver(event)).resolves.toEqual({ ok: true, value: { accepted: true } });
      await sleep(200);
      expect(await units.inboxRows()).toBe(1);
      expect(handled.calls).toBe(1);
    });
  });
});
