import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopologyProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';
import { carefulCheckout, sleep, type CheckoutOutcome } from './faults/harness';
import { confirmationsOf, receiptsOf, suiteDir } from './support/monolith';
import { runDatabases } from './support/run-databases';
import { scrape, series } from './support/observed-units';
import { adminSession, newCustomer, newProduct, SHOP_ENV, type Session } from './support/shop';

// Runs in `npm run test:integration` (jest.integration.config.cjs): PostgreSQL and NATS.
const ADMIN_URL = process.env['FOODCOURT_E2E_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `fc_e2e_replicas_${process.pid}`;
const CHECKOUTS = 48;
const CONCURRENCY = 4;
const KILL_AFTER = 12;

const databases = runDatabases(ADMIN_URL, RUN);
const { psql } = databases;

/**
 * Payments runs as two replicas sharing its PostgreSQL database, over NATS (a queue group for
 * calls, one durable consumer for events). One replica is SIGKILLed under a checkout load: a
 * client that retries loses no checkout, nobody is charged twice, and every event of the
 * replica set is handled once.
 */
describe('two replicas of payments on PostgreSQL, one killed under load', () => {
  const dataDir = suiteDir('replicas');
  let shop: TopologyProcess;
  let admin: Session;

  beforeAll(async () => {
    databases.dropAll();
    const topologyFile = join(dataDir, 'split-nats-replicas.yaml');
    const original = readFileSync(join(WORKSPACE_ROOT, 'topology/split-nats.yaml'), 'utf8');
    const replicated = original.replace('  - name: payments\n    domains: [payments]\n', '  - name: payments\n    domains: [payments]\n    replicas: 2\n');
    expect(replicated).not.toBe(original);
    writeFileSync(topologyFile, replicated);
    shop = await new TopologyProcess({
      topologyFile,
      dataDir,
      env: { ...SHOP_ENV, DB_DRIVER: 'postgres', DATABASE_URL: databases.databaseUrl, ORDERS_PENDING_TIMEOUT_MS: '8000', ORDERS_RECOVERY_INTERVAL_MS: '1000' },
    }).start();
    admin = await adminSession(shop.url);
  }, 240_000);
  afterAll(async () => {
    await shop?.stop();
    databases.dropAll();
  });

  it('loses no checkout, charges nobody twice, and handles each event once', async () => {
    const pizza = await newProduct(admin, { price: 950, stock: 1_000 });
    const customers = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => newCustomer(shop.url, `Replica${i}`)));
    const payments = [shop.unit('payments'), shop.unit('payments.2')];
    const servedBy = async (unit: (typeof payments)[number]) =>
      (await scrape({ name: 'payments', url: unit.url, logFile: unit.logFile, domains: ['payments'] })).get(
        series('foodcourt_port_calls_served_total', { domain: 'payments', method: 'authorize', outcome: 'ok' }),
      ) ?? 0;

    let started = 0;
    let finished = 0;
    let killed: Promise<unknown> | undefined;
    let servedBeforeKill: number[] = [];
    const results: CheckoutOutcome[] = [];
    await Promise.all(
      customers.map(async (customer) => {
        while (started < CHECKOUTS) {
          started++;
          results.push(await carefulCheckout(customer, pizza.sku, { maxAttempts: 60 }));
          finished++;
          if (finished === KILL_AFTER && !killed) {
            killed = (async () => {
              servedBeforeKill = await Promise.all(payments.map(servedBy));
              await payments[0]!.kill();
            })();
          }
        }
      }),
    );
    await killed;

    // Both replicas took calls before one died; the survivor took the rest.
    expect(servedBeforeKill.every((n) => n > 0)).toBe(true);
    expect(await servedBy(payments[1]!)).toBeGreaterThan(servedBeforeKill[1]!);

    const retried = results.filter((r) => r.attempts > 1).length;
    process.stdout.write(
      `replicas: ${CHECKOUTS} checkouts, payments replica 1 SIGKILLed after ${KILL_AFTER}; authorize calls served before the kill: ${servedBeforeKill.join(' / ')}; ${retried} checkout(s) needed a retry (${results.reduce((n, r) => n + r.attempts, 0)} requests)\n`,
    );
    expect(results).toHaveLength(CHECKOUTS);
    const statuses = results.map((r) => `${r.reply?.status} ${r.reply?.body?.status}`);
    expect(statuses).toEqual(Array.from({ length: CHECKOUTS }, () => '201 CONFIRMED'));
    const orderIds = results.map((r) => r.reply!.body.id as string);

    // Straight from payments' database: one captured payment per confirmed order, none twice.
    expect(Number(psql('payments', `SELECT count(*) FROM payments.payment WHERE status = 'CAPTURED'`))).toBe(CHECKOUTS);
    expect(psql('payments', `SELECT order_id FROM payments.payment WHERE status = 'CAPTURED' GROUP BY order_id HAVING count(*) > 1`)).toBe('');
    // Stock conserved.
    expect(Number(psql('catalog', `SELECT stock FROM catalog.product WHERE sku = '${pizza.sku}'`))).toBe(1_000 - CHECKOUTS);

    // Every event both relays published reached notifications once, and was handled once: a receipt and a confirmation per order.
    const waitForInbox = async () => {
      for (let i = 0; i < 120; i++) {
        const pending = Number(psql('payments', `SELECT count(*) FROM payments.outbox_event WHERE published_at IS NULL`));
        const open = Number(psql('notifications', `SELECT count(*) FROM notifications.inbox_message WHERE status <> 'done'`));
        const mails = orderIds.every((id) => receiptsOf(dataDir, id).length > 0 && confirmationsOf(dataDir, id).length > 0);
        if (pending === 0 && open === 0 && mails) return;
        await sleep(500);
      }
    };
    await waitForInbox();
    const captured = Number(psql('payments', `SELECT count(*) FROM payments.outbox_event WHERE type = 'payments.payment-captured'`));
    expect(captured).toBe(CHECKOUTS);
    expect(Number(psql('notifications', `SELECT count(*) FROM notifications.inbox_message WHERE type = 'payments.payment-captured' AND status = 'done'`))).toBe(captured);
    for (const id of orderIds) {
      expect({ id, receipts: receiptsOf(dataDir, id).length, confirmations: confirmationsOf(dataDir, id).length }).toEqual({ id, receipts: 1, confirmations: 1 });
    }
  });
});
