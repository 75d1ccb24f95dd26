import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { connectToUnit, shippedEndpoints } from '@foodcourt/platform-host';
import { TopologyProcess, waitFor } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { E2E_TOPOLOGY, confirmationsOf, monolith, suiteDir } from './support/monolith';
import { domainTables, dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct, type Session } from './support/shop';

/**
 * What extraction promises beyond "the same suite passes": a unit that stops costs a clear 503
 * and nothing else, events wait for a unit that is down, each unit keeps to its own tables,
 * and a unit's transport refuses garbage without changing anything. Runs in split topologies.
 */
describe(`extracted units (${E2E_TOPOLOGY})`, () => {
  const dataDir = suiteDir('extraction');
  let shop: TopologyProcess;
  let url: string;
  let admin: Session;
  let pizza: { sku: string };

  beforeAll(async () => {
    shop = (await monolith(dataDir).start()) as TopologyProcess;
    url = shop.url;
    admin = await adminSession(url);
    pizza = await newProduct(admin, { name: 'Pizza Diavola', price: 1_050, stock: 1_000 });
  });
  afterAll(async () => {
    await shop?.stop();
    dropPostgresDatabase('extraction');
  });

  const paymentsOf = async (who: Session, orderId: string) => (await who.call('GET', `/payments?orderId=${orderId}`)).body.items as { status: string }[];

  it('answers 503 naming payments while payments is down, then completes the same checkout once it is back, charging once', async () => {
    const ada = await newCustomer(url, 'Ada');
    const key = randomUUID();
    await shop.unit('payments').stop();

    const startedAt = Date.now();
    const refused = await checkout(ada, [{ sku: pizza.sku, quantity: 1 }], key);
    const waitedMs = Date.now() - startedAt;
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE', details: { dependency: 'payments' } });
    expect(refused.body.message).toContain('payments');
    // authorize declares a 5 s timeout: the answer comes within it, never a hang.
    expect(waitedMs).toBeLessThan(6_500);
    // The API unit's topology-wide readiness names what is missing; its own is unaffected.
    expect((await http(url, 'GET', '/health/ready')).status).toBe(200);
    const ready = await http(url, 'GET', '/health/ready?scope=topology');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'NOT_READY', details: { checks: { 'database:payments': { status: 'down' } } } });
    expect(ready.body.message).toMatch(/database:payments \(unit payments: /);

    await shop.unit('payments').start();
    const retried = await waitFor(
      () => checkout(ada, [{ sku: pizza.sku, quantity: 1 }], key),
      (reply) => reply.status === 201,
      { what: 'the retried checkout', timeoutMs: 20_000 },
    );
    expect(retried.body.status).toBe('CONFIRMED');
    const payments = await paymentsOf(ada, retried.body.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]!.status).toBe('CAPTURED');
  });

  it('e-mails every order confirmed while notifications was down exactly once after it is back', async () => {
    if (!shop.plan!.units.some((u) => u.name === 'notifications')) return; // payments-extracted hosts notifications in the monolith
    const bob = await newCustomer(url, 'Bob');
    await shop.unit('notifications').stop();
    const orders: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await checkout(bob, [{ sku: pizza.sku, quantity: 1 }]);
      expect(reply.status).toBe(201);
      orders.push(reply.body.id);
    }
    expect(orders.flatMap((id) => confirmationsOf(dataDir, id))).toHaveLength(0);

    await shop.unit('notifications').start();
    await waitFor(
      async () => orders.map((id) => confirmationsOf(dataDir, id).length),
      (counts) => counts.every((n) => n >= 1),
      { what: 'the confirmation e-mails', timeoutMs: 20_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a duplicate would arrive in this time
    for (const id of orders) expect(confirmationsOf(dataDir, id)).toHaveLength(1);
  });

  it("keeps each unit's database to its own domain's tables", async () => {
    const tables = await domainTables(dataDir, 'extraction', (file) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    });
    const shared = new Set(['migrations', 'outbox_event', 'inbox_message', 'dead_letter']);
    const owner = new Map<string, string>();
    for (const [domain, names] of Object.entries(tables)) {
      const own = names.filter((n) => !shared.has(n));
      expect({ domain, own: own.length > 0 }).toEqual({ domain, own: true });
      for (const name of own) {
        expect({ table: name, alsoIn: owner.get(name) }).toEqual({ table: name, alsoIn: undefined });
        owner.set(name, domain);
      }
    }
    expect(Object.keys(tables).sort()).toEqual(['catalog', 'identity', 'notifications', 'orders', 'payments', 'search']);
  });

  it("refuses a malformed message sent straight to the payments unit's transport, changes nothing and keeps serving", async () => {
    const plan = shop.plan!;
    const endpoint = shippedEndpoints(plan.topology, plan.env).get('payments')!;
    const connection = connectToUnit(endpoint);
    const send = (data: unknown) => connection.request('payments.authorize', data, Date.now() + 5_000, new AbortController().signal);
    try {
      const carol = await newCustomer(url, 'Carol');
      const orderId = randomUUID();
      await expect(send({ idempotencyKey: `order:${orderId}`, orderId, customerId: randomUUID(), amount: 'lots', currency: 'EUR' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: { violations: expect.arrayContaining([expect.objectContaining({ field: 'amount' })]) } },
      });
      await expect(send('garbage')).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await expect(send({ orderId, amount: 100, currency: 'EUR', kitchenSink: true })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await paymentsOf(admin, orderId)).toEqual([]);

      const reply = await checkout(carol, [{ sku: pizza.sku, quantity: 1 }]);
      expect(reply.status).toBe(201);
      expect(reply.body.status).toBe('CONFIRMED');
    } finally {
      await connection.close();
    }
  });

  it('serves health on every unit', async () => {
    for (const unit of shop.plan!.units) {
      const reply = await http(`http://127.0.0.1:${unit.port}`, 'GET', '/health/ready');
      expect({ unit: unit.name, status: reply.status }).toEqual({ unit: unit.name, status: 200 });
    }
  });
});
