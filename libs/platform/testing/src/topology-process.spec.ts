import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultEntry, planTopology, readTopology, TopologyProcess, type TopologyPlan } from './topology-process';
import { thrownBy } from './thrown-by';
import { UnitProcess, WORKSPACE_ROOT } from './unit-process';

/** Hands out 5001, 5002, ... so a plan's ports are predictable. */
function countingPorts(from = 5001): () => Promise<number> {
  let next = from;
  return async () => next++;
}

const unitOf = (plan: TopologyPlan, name: string) => plan.units.find((u) => u.name === name)!;

describe('planTopology', () => {
  it('gives split-tcp a port per unit, a TCP address per service, one shared env and the gateway as HTTP unit', async () => {
    const plan = await planTopology(
      { topologyFile: 'topology/split-tcp.yaml', dataDir: '/data', env: { LOG_LEVEL: 'warn' }, namespace: 'e2e-probe' },
      countingPorts(),
    );
    expect(plan.topologyFile).toBe(join(WORKSPACE_ROOT, 'topology/split-tcp.yaml'));
    expect(plan.httpUnit).toBe('gateway');
    // The seven units the file started with; a generated domain (nx g @foodcourt/nx-plugin:domain) appends its own.
    expect(plan.units).toHaveLength(readTopology('topology/split-tcp.yaml').topology.units.length);
    expect(plan.units.slice(0, 7).map((u) => [u.name, u.entry, u.http])).toEqual([
      ['gateway', 'apps/gateway/src/main.ts', true],
      ['identity', 'apps/identity-service/src/main.ts', false],
      ['catalog', 'apps/catalog-service/src/main.ts', false],
      ['search', 'apps/search-service/src/main.ts', false],
      ['orders', 'apps/orders-service/src/main.ts', false],
      ['payments', 'apps/payments-service/src/main.ts', false],
      ['notifications', 'apps/notifications-service/src/main.ts', false],
    ]);
    expect(unitOf(plan, 'gateway')).toEqual({
      name: 'gateway',
      entry: 'apps/gateway/src/main.ts',
      args: ['--topology', plan.topologyFile, '--unit', 'gateway'],
      port: 5001,
      http: true,
      logFileName: 'gateway.log',
    });
    expect(unitOf(plan, 'identity')).toMatchObject({ port: 5002, address: '127.0.0.1:5003', logFileName: 'identity.log' });
    // The file's fixed addresses (4101...) are replaced, the gateway (no domain) gets none.
    // Nothing else: the two given, and one address per unit reached over TCP.
    expect(Object.keys(plan.env)).toHaveLength(2 + plan.units.filter((u) => u.address !== undefined).length);
    expect(plan.env).toMatchObject({
      LOG_LEVEL: 'warn',
      FOODCOURT_NAMESPACE: 'e2e-probe',
      UNIT_IDENTITY_ADDRESS: '127.0.0.1:5003',
      UNIT_CATALOG_ADDRESS: '127.0.0.1:5005',
      UNIT_SEARCH_ADDRESS: '127.0.0.1:5007',
      UNIT_ORDERS_ADDRESS: '127.0.0.1:5009',
      UNIT_PAYMENTS_ADDRESS: '127.0.0.1:5011',
      UNIT_NOTIFICATIONS_ADDRESS: '127.0.0.1:5013',
    });
  });

  it('reaches payments-extracted through the monolith unit, and both units over TCP', async () => {
    const plan = await planTopology({ topologyFile: 'topology/payments-extracted.yaml', dataDir: '/data' }, countingPorts());
    expect(plan.httpUnit).toBe('monolith');
    expect(plan.units.map((u) => [u.name, u.entry, u.port, u.address])).toEqual([
      ['monolith', 'apps/monolith/src/main.ts', 5001, '127.0.0.1:5002'],
      ['payments', 'apps/payments-service/src/main.ts', 5003, '127.0.0.1:5004'],
    ]);
    expect(plan.env).toMatchObject({ UNIT_MONOLITH_ADDRESS: '127.0.0.1:5002', UNIT_PAYMENTS_ADDRESS: '127.0.0.1:5004' });
  });

  it('gives broker topologies no addresses and each plan a namespace of its own', async () => {
    const first = await planTopology({ topologyFile: 'topology/split-nats.yaml', dataDir: '/data' }, countingPorts());
    const second = await planTopology({ topologyFile: 'topology/split-nats.yaml', dataDir: '/data' }, countingPorts());
    expect(first.units.every((u) => u.address === undefined)).toBe(true);
    expect(Object.keys(first.env)).toEqual(['FOODCOURT_NAMESPACE']);
    expect(first.namespace).toMatch(/^split-nats-[A-Za-z0-9_-]+$/);
    expect(second.namespace).not.toBe(first.namespace);
  });

  it('never hands out one port twice, and takes the entries it is given', async () => {
    const ports = [7001, 7001, 7002, 7001, 7002, 7003, 7004];
    const plan = await planTopology(
      { topologyFile: 'topology/payments-extracted.yaml', dataDir: '/data', entries: { payments: 'apps/monolith/src/main.ts' } },
      async () => ports.shift()!,
    );
    expect(plan.units.map((u) => [u.port, u.address])).toEqual([
      [7001, '127.0.0.1:7002'],
      [7003, '127.0.0.1:7004'],
    ]);
    expect(unitOf(plan, 'payments').entry).toBe('apps/monolith/src/main.ts');
  });
});

describe('defaultEntry', () => {
  it('runs the gateway for no domain, the service for a unit named after its one domain, the monolith otherwise', () => {
    expect(defaultEntry({ name: 'edge', domains: [] })).toBe('apps/gateway/src/main.ts');
    expect(defaultEntry({ name: 'payments', domains: ['payments'] })).toBe('apps/payments-service/src/main.ts');
    expect(defaultEntry({ name: 'monolith', domains: ['identity', 'orders'] })).toBe('apps/monolith/src/main.ts');
    expect(defaultEntry({ name: 'billing', domains: ['payments'] })).toBe('apps/monolith/src/main.ts');
  });
});

/** Stands in for a unit binary: answers /health/ready and tells what it was started with. */
const UNIT_FIXTURE = `
const http = require('node:http');
const args = process.argv.slice(2);
const unit = args[args.indexOf('--unit') + 1];
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') { res.writeHead(200); res.end('ready'); return; }
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(UNIT_|FOODCOURT_NAMESPACE|GREETING|PORT$)/.test(k)));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ unit, args, env, dataDir: process.env.DATA_DIR }));
});
server.listen(Number(process.env.PORT), process.env.HOST, () => console.log(unit + ' listening on ' + process.env.PORT));
process.on('SIGTERM', () => { console.log(unit + ' got SIGTERM'); process.exit(0); });
`;

const FAILING_FIXTURE = `
console.log('opening the payments database');
console.error('foodcourt: cannot start: invalid configuration: PAYMENTS_SIM_DECLINE_OVER must be a whole number');
process.exit(1);
`;

const TOPOLOGY = `
name: probe
transport: tcp
units:
  - name: front
    domains: [identity]
  - name: payments
    domains: [payments]
    http: false
    address: 127.0.0.1:1
`;

describe('TopologyProcess', () => {
  let dir: string;
  let topologyFile: string;
  let unitEntry: string;
  let failingEntry: string;
  const started: TopologyProcess[] = [];

  beforeAll(() => {
    mkdirSync(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(WORKSPACE_ROOT, 'tmp', 'topology-process-spec-'));
    topologyFile = join(dir, 'probe.yaml');
    writeFileSync(topologyFile, TOPOLOGY);
    writeFileSync(join(dir, 'unit.js'), UNIT_FIXTURE);
    writeFileSync(join(dir, 'failing.js'), FAILING_FIXTURE);
    unitEntry = relative(WORKSPACE_ROOT, join(dir, 'unit.js'));
    failingEntry = relative(WORKSPACE_ROOT, join(dir, 'failing.js'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((t) => t.kill()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function topology(name: string, entries: Record<string, string>): TopologyProcess {
    const created = new TopologyProcess({ topologyFile, dataDir: join(dir, name), env: { GREETING: 'hello' }, entries, readyTimeoutMs: 10_000 });
    started.push(created);
    return created;
  }
  const whoami = async (url: string) =>
    (await (await fetch(`${url}/whoami`)).json()) as { unit: string; args: string[]; env: Record<string, string>; dataDir: string };

  it('starts every unit with the same env, serves the API from the HTTP unit and logs each unit to <dataDir>/<unit>.log', async () => {
    const t = topology('running', { front: unitEntry, payments: unitEntry });
    expect(t.logFile).toBe(join(dir, 'running', 'front.log'));
    await expect(t.start()).resolves.toBe(t);

    const plan = t.plan!;
    expect(t.url).toBe(`http://127.0.0.1:${plan.units[0]!.port}`);
    const front = await whoami(t.url);
    const payments = await whoami(t.unit('payments').url);
    expect(front).toMatchObject({ unit: 'front', args: ['--topology', topologyFile, '--unit', 'front'], dataDir: join(dir, 'running') });
    expect(payments.unit).toBe('payments');
    const shared = { GREETING: 'hello', FOODCOURT_NAMESPACE: plan.namespace, UNIT_FRONT_ADDRESS: plan.units[0]!.address, UNIT_PAYMENTS_ADDRESS: plan.units[1]!.address };
    expect(front.env).toEqual({ ...shared, PORT: String(plan.units[0]!.port) });
    expect(payments.env).toEqual({ ...shared, PORT: String(plan.units[1]!.port) });
    expect(t.unit('payments').log()).toContain('payments listening on');
    expect(t.log()).toContain(`==> ${join(dir, 'running', 'front.log')} <==\nfront listening on`);
    expect(() => t.unit('nope')).toThrow('topology probe has no unit "nope" (units: front, payments)');

    await expect(t.stop()).resolves.toBe(0);
    expect(t.unit('front').log()).toContain('front got SIGTERM');
    expect(t.unit('payments').log()).toContain('payments got SIGTERM');
  }, 20_000);

  it('restarts one unit on the same HTTP port and TCP address, and the whole topology as it was', async () => {
    const t = await topology('restart', { front: unitEntry, payments: unitEntry }).start();
    const before = await whoami(t.unit('payments').url);
    await t.unit('payments').stop();
    await expect(fetch(`${t.unit('payments').url}/health/ready`)).rejects.toThrow();
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);

    await t.unit('payments').start();
    expect(await whoami(t.unit('payments').url)).toEqual(before);

    const url = t.url;
    await t.kill();
    await t.start();
    expect(t.url).toBe(url);
    expect(await whoami(t.unit('payments').url)).toEqual(before);
  }, 20_000);

  it('rejects a failed start naming the unit, with the tail of its log, stops the others and keeps every log', async () => {
    const t = topology('failing', { front: unitEntry, payments: failingEntry });
    const error = await thrownBy(t.start());
    expect(error.message).toMatch(/^topology probe \(.*probe\.yaml\): unit "payments" did not start\n/);
    expect(error.message).toContain('unit "payments": unit exited with code 1 before it was ready');
    expect(error.message).toContain(`--- last lines of ${join(dir, 'failing', 'payments.log')} ---\nopening the payments database\nfoodcourt: cannot start`);
    expect(error.message).not.toContain('front listening');
    await expect(fetch(`${t.unit('front').url}/health/ready`)).rejects.toThrow();
    expect(existsSync(join(dir, 'failing', 'payments.log'))).toBe(true);
    expect(t.unit('front').log()).toContain('front listening on');
  }, 20_000);

  it('can stand in for a UnitProcess', () => {
    const asUnit: UnitProcess = topology('typed', {});
    expect(typeof asUnit.start).toBe('function');
  });
});
