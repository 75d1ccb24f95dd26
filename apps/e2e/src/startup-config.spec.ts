import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitProcess } from '@foodcourt/platform-testing';
import { suiteDir } from './support/monolith';

describe('a broken topology file or setting stops start-up with one clear line', () => {
  const dir = suiteDir('startup-config');
  let case_ = 0;

  const startWith = async (topologyText: string | undefined, env: Record<string, string> = {}, entry = 'apps/monolith/src/main.ts') => {
    case_ += 1;
    const dataDir = join(dir, `case-${case_}`);
    const extra: Record<string, string> = { ...env };
    if (topologyText !== undefined) {
      const file = join(dir, `topology-${case_}.yaml`);
      writeFileSync(file, topologyText);
      extra['TOPOLOGY'] = file;
    }
    const unit = new UnitProcess({ entry, dataDir, env: extra });
    const { code, output } = await unit.runToExit();
    const errorLines = output.split('\n').filter((line) => line.startsWith('foodcourt:'));
    return { code, output, errorLines };
  };

  it.each([
    ['invalid YAML', 'name: x\nunits: [\n', /not valid YAML/],
    ['a unit with no name', 'name: x\nunits:\n  - domains: [identity, catalog, search, orders, payments, notifications]\n', /units\.0\.name/],
    ['an unknown domain', 'name: x\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments, notifications, sushi]\n', /unknown domain "sushi"/],
    ['a domain hosted twice', 'name: x\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments, notifications]\n  - name: other\n    domains: [payments]\n', /"payments" is hosted twice/],
    ['a domain hosted nowhere', 'name: x\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments]\n', /no unit hosts "notifications"/],
    ['no unit of that name', 'name: x\nunits:\n  - name: shop\n    domains: [identity, catalog, search, orders, payments, notifications]\n', /there is no unit "monolith"/],
    ['an unknown key', 'name: x\ncolour: blue\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments, notifications]\n', /colour/],
    ['an unknown transport', 'name: x\ntransport: pigeon\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments, notifications]\n', /transport must be one of tcp, nats, rabbitmq/],
    ['a TCP unit without an address', 'name: x\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, notifications]\n  - name: payments\n    domains: [payments]\n', /hosts identity, catalog, search, orders, notifications over tcp but has no address/],
    ['a breaker threshold that is not a number', 'name: x\nresilience:\n  breakerFailures: many\nunits:\n  - name: monolith\n    domains: [identity, catalog, search, orders, payments, notifications]\n', /resilience\.breakerFailures/],
  ])('refuses %s', async (_what, text, expected) => {
    const { code, errorLines, output } = await startWith(text);
    expect(code).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(expected);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses to run a service binary as a unit hosting domains it does not contain', async () => {
    const { code, errorLines, output } = await startWith(undefined, { TOPOLOGY: 'topology/split-tcp.yaml', UNIT: 'orders' }, 'apps/payments-service/src/main.ts');
    expect(code).toBe(1);
    expect(errorLines).toEqual(['foodcourt: cannot start: topology file topology/split-tcp.yaml: unit "orders" hosts orders, which this binary does not contain (it can host: payments)']);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad unit address override, naming the variable', async () => {
    const { code, errorLines } = await startWith(undefined, { TOPOLOGY: 'topology/split-tcp.yaml', UNIT: 'payments', UNIT_PAYMENTS_ADDRESS: 'nowhere' }, 'apps/payments-service/src/main.ts');
    expect(code).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/UNIT_PAYMENTS_ADDRESS must be host:port \(or a comma-separated list of them\), got "nowhere"/);
  });

  it('refuses a missing topology file', async () => {
    const { code, errorLines } = await startWith(undefined, { TOPOLOGY: join(dir, 'nope.yaml') });
    expect(code).toBe(1);
    expect(errorLines[0]).toMatch(/nope\.yaml cannot be read/);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['DB_DRIVER', 'oracle', /DB_DRIVER/],
    ['EVENT_MAX_ATTEMPTS', '0', /EVENT_MAX_ATTEMPTS/],
    ['OUTBOX_RELAY', 'maybe', /OUTBOX_RELAY/],
    ['MAIL_TRANSPORT', 'pigeon://loft', /MAIL_TRANSPORT/],
    ['PAYMENTS_SIM_DECLINE_OVER', '-3', /PAYMENTS_SIM_DECLINE_OVER/],
    ['OTEL_TRACES_SAMPLER', 'sometimes', /OTEL_TRACES_SAMPLER/],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', /OTEL_EXPORTER_OTLP_ENDPOINT/],
    ['METRICS_PORT', 'ninety', /METRICS_PORT/],
    ['DRAIN_TIMEOUT_MS', 'soon', /DRAIN_TIMEOUT_MS/],
    ['REDIS_URL', 'cache:6379', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses a bad %s', async (name, value, expected) => {
    const { code, errorLines } = await startWith(undefined, { [name]: value });
    expect(code).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(expected);
  });

  it('refuses a REDIS_URL that does not answer, naming it', async () => {
    const { code, errorLines, output } = await startWith(undefined, { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(errorLines).toEqual([expect.stringMatching(/^foodcourt: cannot start: REDIS_URL redis:\/\/127\.0\.0\.1:1 is unreachable: .*ECONNREFUSED/)]);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
