import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopologyProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';
import { carefulCheckout, sleep, type CheckoutOutcome } from './faults/harness';
import type { Reply } from './support/http';
import { confirmationsOf, suiteDir } from './support/monolith';
import { DOMAINS, runDatabases } from './support/run-databases';
import { adminSession, newCustomer, newProduct, SHOP_ENV, type Session } from './support/shop';

// Runs in `npm run test:integration` (jest.integration.config.cjs): split-tcp over PostgreSQL.
const ADMIN_URL = process.env['FOODCOURT_E2E_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `fc_e2e_drain_${process.pid}`;
/** The units a checkout calls while it runs: two replicas each, as a rolling update needs. */
const REPLICATED = ['catalog', 'orders', 'payments'];
/** Restarted one after the other, each replica in turn; the gateway last. */
const ROLLING = [...DOMAINS.flatMap((unit) => (REPLICATED.includes(unit) ? [unit, `${unit}.2`] : [unit])), 'gateway'];
const LANES = 4;

const databases = runDatabases(ADMIN_URL, RUN);

/**
 * A rolling restart: every unit in turn (each replica of the replicated ones) gets SIGTERM, drains
 * and exits 0, and is started again, while customers keep checking out. Their client resends only
 * what never got an answer (a dropped connection: the gateway is one process), with its
 * Idempotency-Key; a 5xx is final. No request may answer a 5xx, and every checkout is confirmed.
 */
describe('graceful drain: a rolling restart of every unit under load (split-tcp, PostgreSQL)', () => {
  const dataDir = suiteDir('drain');
  let shop: TopologyProcess;
  let admin: Session;

  beforeAll(async () => {
    databases.dropAll();
    const topologyFile = join(dataDir, 'split-tcp-rolling.yaml');
    let topology = readFileSync(join(WORKSPACE_ROOT, 'topology/split-tcp.yaml'), 'utf8');
    // Two replicas, one address each (the harness gives every replica a free port of its own).
    for (const unit of REPLICATED) {
      const declared = new RegExp(`(  - name: ${unit}\\n    domains: \\[${unit}\\]\\n    http: false\\n)    address: (\\S+)\\n`);
      expect(topology).toMatch(declared);
      topology = topology.replace(declared, (_all, head: string, address: string) => `${head}    replicas: 2\n    addresses: [${address}, ${address.replace(/\d$/, '9')}]\n`);
    }
    writeFileSync(topologyFile, topology);
    shop = await new TopologyProcess({
      topologyFile,
      dataDir,
      env: { ...SHOP_ENV, EVENT_POLL_MS: '50', DB_DRIVER: 'postgres', DATABASE_URL: databases.databaseUrl },
    }).start();
    admin = await adminSession(shop.url);
  }, 300_000);
  afterAll(async () => {
    await shop?.stop();
    databases.dropAll();
  });

  it('answers no 5xx and fails no checkout while each unit drains and restarts', async () => {
    const pizza = await newProduct(admin, { price: 950, stock: 10_000 });
    const customers = await Promise.all(Array.from({ length: LANES }, (_, i) => newCustomer(shop.url, `Rolling${i}`)));
    const answers = new Map<number | 'dropped', number>();
    const serverErrors: unknown[] = [];
    const restarted: string[] = [];
    const seen = (reply: Reply | undefined) => {
      const status = reply?.status ?? 'dropped';
      answers.set(status, (answers.get(status) ?? 0) + 1);
      if (reply && reply.status >= 500) serverErrors.push({ status, body: reply.body, restarting: ROLLING[restarted.length] });
    };
    let rolling = true;
    const results: CheckoutOutcome[] = [];
    const lanes = customers.map(async (customer) => {
      while (rolling) results.push(await carefulCheckout(customer, pizza.sku, { seen, retry5xx: false }));
    });
    const exits: Record<string, number | null> = {};
    try {
      await sleep(1_000);
      for (const name of ROLLING) {
        exits[name] = await shop.unit(name).stop();
        await shop.unit(name).start();
        restarted.push(name);
        await sleep(300);
      }
    } finally {
      rolling = false;
      await Promise.all(lanes);
    }
    process.stdout.write(`rolling restart of ${ROLLING.length} processes: ${results.length} checkouts, answers ${JSON.stringify(Object.fromEntries(answers))}\n`);

    expect(exits).toEqual(Object.fromEntries(ROLLING.map((name) => [name, 0])));
    for (const name of ROLLING) expect(shop.unit(name).log()).toMatch(/drained in \d+ ms/);
    expect(serverErrors).toEqual([]);
    expect(results.length).toBeGreaterThan(ROLLING.length * LANES);
    expect(results.filter((r) => r.reply?.status !== 201 || r.reply.body?.status !== 'CONFIRMED').map((r) => r.reply?.body ?? 'no answer')).toEqual([]);

    // Straight from the databases: one capture per order, stock conserved, one confirmation each.
    const confirmed = results.length;
    expect(Number(databases.psql('payments', `SELECT count(*) FROM payments.payment WHERE status = 'CAPTURED'`))).toBe(confirmed);
    expect(Number(databases.psql('catalog', `SELECT stock FROM catalog.product WHERE sku = '${pizza.sku}'`))).toBe(10_000 - confirmed);
    const ids = results.map((r) => r.reply!.body.id as string);
    for (let i = 0; i < 120 && !ids.every((id) => confirmationsOf(dataDir, id).length > 0); i++) await sleep(500);
    expect(ids.filter((id) => confirmationsOf(dataDir, id).length !== 1)).toEqual([]);
  }, 420_000);
});
