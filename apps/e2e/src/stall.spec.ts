import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopologyProcess, waitFor, WORKSPACE_ROOT } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { suiteDir } from './support/monolith';
import { scrape, series } from './support/observed-units';
import { adminSession, newCustomer, newProduct, SHOP_ENV, type Session } from './support/shop';

const TERMINAL = ['CONFIRMED', 'PAYMENT_FAILED', 'REJECTED', 'ABANDONED', 'CANCELLED'];

/**
 * Payments stalls (SIGSTOP: the process is there, its sockets open, nothing answers). Orders'
 * breaker for payments opens after two timed-out calls, so the next checkouts fail at once with
 * Retry-After instead of each waiting out the 5 s timeout; browsing never notices. After SIGCONT
 * checkouts succeed again, and no order is charged twice.
 */
describe('a stalled dependency behind a circuit breaker', () => {
  const dataDir = suiteDir('stall');
  let shop: TopologyProcess;
  let admin: Session;

  beforeAll(async () => {
    const topologyFile = join(dataDir, 'split-tcp-breaker.yaml');
    const original = readFileSync(join(WORKSPACE_ROOT, 'topology/split-tcp.yaml'), 'utf8');
    writeFileSync(topologyFile, original.replace('transport: tcp\n', 'transport: tcp\nresilience:\n  breakerFailures: 2\n  breakerHalfOpenMs: 1500\n'));
    shop = await new TopologyProcess({
      topologyFile,
      dataDir,
      env: { ...SHOP_ENV, ORDERS_PENDING_TIMEOUT_MS: '8000', ORDERS_RECOVERY_INTERVAL_MS: '1000' },
    }).start();
    admin = await adminSession(shop.url);
  }, 240_000);
  afterAll(async () => {
    shop?.unit('payments').resume();
    await shop?.stop();
  });

  it('fails fast with Retry-After once open, keeps browsing up, and recovers after the stall without charging twice', async () => {
    const pizza = await newProduct(admin, { price: 950, stock: 100 });
    const ada = await newCustomer(shop.url, 'Ada');
    const checkout = async () => {
      const started = performance.now();
      const reply = await ada.call('POST', '/orders', { body: { lines: [{ sku: pizza.sku, quantity: 1 }] }, headers: { 'Idempotency-Key': randomUUID() } });
      return { reply, ms: performance.now() - started };
    };
    expect((await checkout()).reply.status).toBe(201);

    shop.unit('payments').pause();
    // Two calls wait out payments.authorize's 5 s timeout: they open the breaker.
    for (let i = 0; i < 2; i++) {
      const { reply, ms } = await checkout();
      expect(reply.status).toBe(503);
      expect(reply.body.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(ms).toBeGreaterThan(4_000);
    }
    const fast = await checkout();
    expect(fast.reply.status).toBe(503);
    expect(fast.reply.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { dependency: 'payments' } });
    expect(fast.reply.body.message).toMatch(/its last 2 calls failed/);
    expect(Number(fast.reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Not waiting out a timeout any more: refused in the orders unit without touching the network.
    expect(fast.ms).toBeLessThan(1_000);
    const orders = shop.unit('orders');
    const metrics = await scrape({ name: 'orders', url: orders.url, logFile: orders.logFile, domains: ['orders'] });
    expect(metrics.get(series('foodcourt_breaker_state', { dependency: 'payments', peer_unit: 'payments' }))).toBe(2);
    expect(metrics.get(series('foodcourt_dependency_calls_refused', { dependency: 'payments', peer_unit: 'payments' }))).toBeGreaterThanOrEqual(1);
    const health = await http(orders.url, 'GET', '/health/ready');
    expect(health.status).toBe(200);
    expect(health.body.details['breaker:payments']).toMatchObject({ status: 'up', state: 'open' });

    // Browsing and search need neither payments nor orders' breaker.
    expect((await http(shop.url, 'GET', `/products/${pizza.sku}`)).status).toBe(200);
    expect((await http(shop.url, 'GET', '/search/products?q=pizza')).status).toBe(200);

    shop.unit('payments').resume();
    const recovered = await waitFor(checkout, ({ reply }) => reply.status === 201, { what: 'a checkout after the stall', timeoutMs: 20_000, intervalMs: 300 });
    expect(recovered.reply.body.status).toBe('CONFIRMED');

    // The orders of the stall end terminal (the recovery sweep settles them from payments' records), each charged at most once.
    const mine = await waitFor(
      async () => (await ada.call('GET', '/orders?limit=100')).body.items as { id: string; status: string }[],
      (items) => items.every((o) => TERMINAL.includes(o.status)),
      { what: 'every order settled', timeoutMs: 40_000 },
    );
    for (const order of mine) {
      const payments = (await ada.call('GET', `/payments?orderId=${order.id}`)).body.items as { status: string }[];
      const captured = payments.filter((p) => p.status === 'CAPTURED').length;
      expect({ order: order.status, captured: Math.min(captured, 2) }).toEqual({ order: order.status, captured: order.status === 'CONFIRMED' ? 1 : 0 });
    }
  });
});
