import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { resolveUnitOf } from '@foodcourt/platform-host';
import { methodOverridesOf } from '@foodcourt/platform-topology';
import { GATEWAY } from './binary';

const topology = (name: string) => join(__dirname, '../../../topology', name);

describe('the gateway binary', () => {
  it('is the gateway unit of split-tcp: no domain hosted, every domain remote', () => {
    const resolved = resolveUnitOf(GATEWAY, topology('split-tcp.yaml'), 'gateway');
    expect(resolved.unit.domains).toEqual([]);
    expect([...resolved.remoteDomains].sort()).toEqual([...KNOWN_DOMAINS].sort());
  });

  it('cannot be a unit that hosts a domain', () => {
    expect(() => resolveUnitOf(GATEWAY, topology('split-tcp.yaml'), 'payments')).toThrow('unit "payments" hosts payments, which this binary does not contain');
  });

  describe('with per-method overrides', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'gateway-methods-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** split-tcp.yaml with `methods` given to the gateway unit. */
    const withGatewayMethods = (name: string, ...entries: string[]) => {
      const text = readFileSync(topology('split-tcp.yaml'), 'utf8').replace(
        /(- name: gateway\n(?: {4}.*\n)*)/,
        (unit) => `${unit}    methods:\n${entries.map((e) => `      - ${e}\n`).join('')}`,
      );
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };

    it("checks them against the binary's contracts and gives the unit its deadlines", () => {
      const file = withGatewayMethods('ok.yaml', '{ method: payments.authorize, timeoutMs: 3000, retries: 1 }', '{ method: identity.login, timeoutMs: 1500 }');
      expect(methodOverridesOf(resolveUnitOf(GATEWAY, file, 'gateway'))).toEqual(
        new Map([
          ['payments.authorize', { timeoutMs: 3000, retries: 1 }],
          ['identity.login', { timeoutMs: 1500 }],
        ]),
      );
    });

    it('refuses to start on a method no contract declares, or on retries for one that is not idempotent', () => {
      const misspelt = withGatewayMethods('misspelt.yaml', '{ method: payments.authorise, timeoutMs: 3000 }');
      expect(() => resolveUnitOf(GATEWAY, misspelt, 'gateway')).toThrow(`topology file ${misspelt}: unit "gateway" overrides unknown method "payments.authorise" (payments declares: `);
      const retried = withGatewayMethods('retried.yaml', '{ method: identity.login, retries: 2 }');
      expect(() => resolveUnitOf(GATEWAY, retried, 'gateway')).toThrow(`unit "gateway" sets retries for "identity.login", which is not idempotent`);
    });
  });
});
