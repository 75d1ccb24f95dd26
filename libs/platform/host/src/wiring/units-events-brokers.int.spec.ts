import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import type { Topology } from '@foodcourt/platform-topology';
import { handled, sleep, TicketSoldEvent, TwoUnits, waitFor } from './testing/two-units.fixture';

// Events between two units whose topology uses a broker (integration only: `npm run test:integration`).
// "front" hosts box-office and publishes; "back" hosts audit and subscribes.
const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const RABBITMQ_URL = process.env['RABBITMQ_URL'] || 'amqp://guest:guest@127.0.0.1:5672';

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
  let units: TwoUnits;

  beforeEach(() => {
    namespace = `spec-events-${transport}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;
    const topology = {
      name: 'spec-units',
      transport,
      units: [
        { name: 'front', domains: ['box-office'] },
        { name: 'back', domains: ['audit'] },
      ],
    } as Topology;
    units = new TwoUnits(topology, { env: { FOODCOURT_NAMESPACE: namespace, NATS_URL, RABBITMQ_URL } });
  });

  afterEach(async () => {
    await units.close();
    await deleteBrokerState(transport, namespace);
  });

  it("delivers an event published in one unit to the other unit's subscriber once", async () => {
    await units.start('back');
    await units.start('front');
    const eventId = await units.sell('A1');
    await waitFor(units.effects, (rows) => rows.length === 1);
    await waitFor(units.outbox, (rows) => rows[0]?.publishedAt != null);
    await sleep(200);
    expect(await units.effects()).toEqual([{ id: eventId, ticket: 'A1' }]);
    expect(handled.calls).toBe(1);
  });

  it('keeps an event for a unit that is down on the broker and delivers it once when the unit starts', async () => {
    await units.start('front');
    const eventId = await units.sell('B2');
    // The broker stored it: the outbox row is done with, the event waits for "back" on the broker.
    const [row] = await waitFor(units.outbox, (rows) => rows[0]?.publishedAt != null);
    expect(row!.lastError).toBeNull();
    await units.start('back');
    await waitFor(units.effects, (rows) => rows.length === 1);
    await sleep(200);
    expect(await units.effects()).toEqual([{ id: eventId, ticket: 'B2' }]);
    expect(handled.calls).toBe(1);
  });

  it('drops a malformed broker message without writing anything, and keeps consuming', async () => {
    await units.start('back');
    await units.start('front');
    await publishRaw(transport, namespace, 'not json');
    await publishRaw(transport, namespace, JSON.stringify({ id: 'nope', type: TicketSoldEvent.type, payload: 7, origin: 'elsewhere' }));
    await sleep(200);
    expect(await units.inboxRows()).toBe(0);
    const eventId = await units.sell('C3');
    await waitFor(units.effects, (rows) => rows.length === 1);
    expect(await units.effects()).toEqual([{ id: eventId, ticket: 'C3' }]);
    expect(handled.calls).toBe(1);
  });
});
