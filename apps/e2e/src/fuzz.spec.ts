/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document and the replies are JSON inspected field by field */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { Agent } from 'undici';
import * as catalog from '@foodcourt/catalog-contract';
import * as identity from '@foodcourt/identity-contract';
import * as notifications from '@foodcourt/notifications-contract';
import * as orders from '@foodcourt/orders-contract';
import * as payments from '@foodcourt/payments-contract';
import * as search from '@foodcourt/search-contract';
import { connectToUnit, shippedEndpoints } from '@foodcourt/platform-host';
import { messagePattern, type PortDefinition } from '@foodcourt/platform-kernel';
import type { TopologyProcess } from '@foodcourt/platform-testing';
import { http, type Reply } from './support/http';
import { E2E_TOPOLOGY, monolith, suiteDir } from './support/monolith';
import { domainTables, dropPostgresDatabase } from './support/postgres';
import { adminSession, newCustomer, newProduct, type Session } from './support/shop';

/**
 * Generated bad input for every route of the OpenAPI document and every port method of every
 * contract, sent straight to the unit's transport: a 4xx (or a typed error reply), never a 5xx
 * or an "internal" reply, every unit still ready, and no row added or removed in any domain.
 *
 * FUZZ_SEED replays a run (the seed is printed; a failure prints seed and path, which go back
 * in as FUZZ_SEED and FUZZ_PATH); FUZZ_RUNS is the number of cases per target.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const PATH = process.env['FUZZ_PATH'];
/** Cases sent at once: a property run is one batch, so a target gets FUZZ_RUNS cases in FUZZ_RUNS / BATCH runs. */
const BATCH = 10;
console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (topology ${E2E_TOPOLOGY})`);

const CONTRACTS: Record<string, Record<string, unknown>> = { catalog, identity, notifications, orders, payments, search };
const isPort = (value: unknown): value is PortDefinition =>
  typeof value === 'object' && value !== null && typeof (value as PortDefinition).domain === 'string' && typeof (value as PortDefinition).token === 'symbol';
/** Every port every contract exports: a method added to a contract is fuzzed with no change here. */
const PORTS: PortDefinition[] = Object.values(CONTRACTS).flatMap((exports) => Object.values(exports).filter(isPort));

// --- arbitraries -------------------------------------------------------------------------------

const POLLUTION = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];
const NUMERIC_STRINGS = ['NaN', '1e309', '-1e309', 'Infinity', '-Infinity', '-0', '0x1F', '1_000', '9007199254740993', '1e-400', '', ' ', '1.5', '-1', '00', '+1', '١٢'];
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...POLLUTION));
/** JSON nested `depth` deep; it prints as a short description (fast-check's printer would overflow the stack on it). */
function deep(json: string, depth: number, what: string): unknown {
  const value = JSON.parse(json);
  Object.defineProperty(value, fc.toStringMethod, { value: () => `<${what} nested ${depth} deep>`, enumerable: false });
  return value;
}
const nested = fc.integer({ min: 1, max: 3_000 }).map((depth) => deep(`${'['.repeat(depth)}1${']'.repeat(depth)}`, depth, 'arrays'));
const nestedObject = fc.integer({ min: 1, max: 3_000 }).map((depth) => deep(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, depth, 'objects'));
const huge = fc.oneof(
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '💥'.repeat(n)),
);
const pollution = fc.constantFrom(...POLLUTION).map((name) => JSON.parse(`{"${name}":{"isAdmin":true,"role":"ADMIN","polluted":1}}`));
const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...NUMERIC_STRINGS, '\u0000', '\uD800', '\uFEFF', '../../etc/passwd', "' OR 1=1 --", '<script>', '%00', '{{7*7}}', 'null', 'true'),
);
/** Any one bad value: anything JSON can carry, and the shapes parsers trip on. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ key, maxDepth: 3, withNullPrototype: true }) },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: nestedObject },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: pollution },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e21, -0, Number.MAX_SAFE_INTEGER + 2, [], {}, [[]]) },
);

/** A value of the wrong JSON type for an OpenAPI schema (or any bad value when the schema says nothing); never null, which an optional field accepts. */
function wrongFor(schema: any): fc.Arbitrary<unknown> {
  const type = schema?.type ?? (schema?.$ref ? 'object' : undefined);
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.array(weirdString, { maxLength: 3 }), pollution, nested);
  switch (type) {
    case 'string':
      return notString;
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom(...NUMERIC_STRINGS), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), pollution);
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'yes', 1, 0, 'false'), fc.array(fc.boolean(), { maxLength: 2 }));
    case 'array':
      return fc.oneof(weirdString, fc.integer(), pollution, nested.map((n) => [n]));
    case 'object':
      return fc.oneof(weirdString, fc.integer(), fc.array(badValue, { maxLength: 3 }));
    default:
      return badValue;
  }
}

/** Unknown field names (never a declared one), so the value is refused whatever it holds. */
const unknownKey = (declared: string[]) => fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz${s}`).filter((k) => !declared.includes(k));

/**
 * A body meant to be refused, tagged with whether it must be (`invalid`): not an object at all,
 * one declared field of the wrong type, or an unknown field; the other declared fields hold
 * anything. Prototype-pollution keys may be ignored by the validator: they must only do no harm.
 */
function badObject(properties: Record<string, any>): fc.Arbitrary<{ value: unknown; invalid: boolean }> {
  const names = Object.keys(properties);
  const rest = fc.dictionary(names.length > 0 ? fc.constantFrom(...names) : fc.constant('x'), badValue, { maxKeys: names.length || 1 });
  const wrongField =
    names.length > 0
      ? fc
          .constantFrom(...names)
          .chain((name) => fc.tuple(fc.constant(name), wrongFor(properties[name])))
          .chain(([name, value]) => rest.map((others) => ({ value: withKey(others, name, value), invalid: properties[name]?.type !== undefined || properties[name]?.$ref !== undefined })))
      : fc.constant({ value: { zzz: 1 }, invalid: true });
  return fc.oneof(
    fc.oneof(weirdString, fc.array(badValue, { maxLength: 4 }), nested, fc.constantFrom(null, 1, true)).map((value) => ({ value, invalid: true })),
    wrongField,
    // (never undefined there: JSON would leave the unknown field out)
    fc.tuple(rest, unknownKey(names), badValue.filter((v) => v !== undefined)).map(([others, name, value]) => ({ value: withKey(others, name, value), invalid: true })),
    fc.tuple(rest, pollution).map(([others, polluted]) => ({ value: { ...others, ...polluted }, invalid: false })),
    fc.anything({ key, maxDepth: 4 }).map((value) => ({ value, invalid: false })),
  );
}

function isObjectWithKnownFields(value: unknown, names: string[]): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((name) => names.includes(name));
}

function withKey(target: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The JSON type of a DTO field from its TypeScript design type (anything else: no type, any value may be valid). */
const DESIGN_TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Array, 'array'],
]);

/** fetch failed because the connection closed or reset before a response came (not an HTTP answer). */
function isConnectionDrop(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return error instanceof TypeError && ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(cause?.code ?? '');
}

// --- the database, before and after ------------------------------------------------------------

type Counts = Record<string, Record<string, number>>;

function rowCounts(dataDir: string): Counts {
  const counts: Counts = {};
  domainTables(dataDir, 'fuzz', (file) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
      // FTS5's shadow tables hold index segments, whose number changes when the index is rebuilt (an
      // admin may, and the fuzzer does): the full-text table itself counts the rows.
      const counted = names.filter((name) => !/_fts_(data|idx|docsize|config|content)$/.test(name));
      const domain = file.replace(/^.*\/([^/]+)\.sqlite$/, '$1');
      counts[domain] = Object.fromEntries(counted.map((name) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
      return names;
    } finally {
      db.close();
    }
  });
  return counts;
}

// --- the suite ---------------------------------------------------------------------------------

interface Route {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: any; required?: boolean }[];
  body?: Record<string, any>;
  /** The body may be left out: `null` then stands for no body. */
  bodyOptional: boolean;
  /** The route validates its input (its document lists a 400): an unknown query parameter must be refused. */
  validates: boolean;
}

interface HttpCase {
  path: string;
  query: string;
  body?: { value: unknown; invalid: boolean };
  as: 'anonymous' | 'customer' | 'admin';
  invalid: boolean;
}

describe(`fuzzing every HTTP route and port message (${E2E_TOPOLOGY}, seed ${SEED})`, () => {
  const dataDir = suiteDir('fuzz');
  let shop: TopologyProcess;
  let url: string;
  let admin: Session;
  let customer: Session;
  let routes: Route[];
  let before: Counts;
  let connectionDrops = 0;

  /** Row counts once they stayed the same for 2 s: events from earlier requests (welcome e-mails) have settled. */
  async function settledCounts(): Promise<Counts> {
    let previous = JSON.stringify(rowCounts(dataDir));
    let stableSince = Date.now();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = JSON.stringify(rowCounts(dataDir));
      if (now !== previous) stableSince = Date.now();
      else if (Date.now() - stableSince >= 2_000) return JSON.parse(now);
      previous = now;
    }
    throw new Error('row counts never settled');
  }

  beforeAll(async () => {
    shop = (await monolith(dataDir).start()) as TopologyProcess;
    url = shop.url;
    admin = await adminSession(url);
    customer = await newCustomer(url, 'Fuzzy');
    await newProduct(admin, { name: 'Fuzz pie', stock: 10 });
    const doc = (await http(url, 'GET', '/docs-json')).body;
    const resolve = (schema: any): any => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema);
    routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p: any) => ({ ...p, schema: resolve(p.schema) })),
        body: op.requestBody ? (resolve(op.requestBody.content?.['application/json']?.schema)?.properties ?? {}) : undefined,
        bodyOptional: op.requestBody?.required !== true,
        validates: Object.keys(op.responses ?? {}).includes('400'),
      })),
    );
    before = await settledCounts();
  });
  afterAll(async () => {
    await shop?.stop();
    dropPostgresDatabase('fuzz');
  });

  /** Every unit answers ready (its process is up) and has logged no stack overflow. */
  async function expectAllUp(): Promise<void> {
    for (const unit of shop.plan!.units) {
      const reply = await http(`http://127.0.0.1:${unit.port}`, 'GET', '/health/ready');
      expect({ unit: unit.name, status: reply.status }).toEqual({ unit: unit.name, status: 200 });
      expect(shop.unit(unit.name).log()).not.toMatch(/Maximum call stack size exceeded|uncaughtException|unhandledRejection/);
    }
  }

  const run = <T>(arbitrary: fc.Arbitrary<T>, check: (cases: T[]) => Promise<void>) =>
    fc.assert(
      fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
        await check(cases);
      }),
      { seed: SEED, path: PATH, numRuns: Math.max(1, Math.ceil(RUNS / BATCH)), endOnFailure: true, verbose: 1 },
    );

  it('found the routes and the ports to fuzz', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(PORTS.map((p) => p.domain).sort()).toEqual(shop.plan!.topology.units.flatMap((u) => u.domains).sort());
  });

  it('answers generated bad input on every route with a 4xx, never a 5xx', async () => {
    for (const route of routes) {
      const pathParams = route.parameters.filter((p) => p.in === 'path');
      const queryParams = route.parameters.filter((p) => p.in === 'query');
      const declared = queryParams.map((p) => p.name);
      const pathArb = fc.tuple(...pathParams.map(() => fc.oneof(weirdString, fc.string({ maxLength: 300 }), fc.uuid()))).map((values) => {
        let path = route.path;
        pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(String(values[i]).replace(/\p{Cs}/gu, '\uFFFD')) || '%20')));
        return path;
      });
      const queryArb = fc
        .tuple(
          fc.subarray(queryParams).chain((chosen) => fc.tuple(...chosen.map((p) => fc.oneof(wrongFor(p.schema), weirdString).map((v) => [p.name, v, p.schema] as const)))),
          fc.option(fc.tuple(fc.oneof(unknownKey(declared), fc.constantFrom(...POLLUTION)), weirdString), { nil: undefined }),
        )
        .map(([pairs, extra]) => {
          const params = new URLSearchParams();
          let invalid = false;
          for (const [name, value, schema] of pairs) {
            const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
            params.append(name, text);
            if ((schema?.type === 'integer' || schema?.type === 'number') && text.trim() !== '' && !Number.isFinite(Number(text))) invalid = true;
          }
          if (extra) {
            params.append(extra[0], extra[1]);
            // Routes that validate their input refuse any other parameter; the rest (health, metrics) ignore queries.
            if (!POLLUTION.includes(extra[0]) && route.validates && declared.length > 0) invalid = true;
          }
          const query = params.toString();
          return { query: query ? `?${query}` : '', invalid };
        });
      const caseArb: fc.Arbitrary<HttpCase> = fc
        .record({
          path: pathArb,
          query: queryArb,
          body: route.body ? badObject(route.body) : fc.constant(undefined),
          as: fc.constantFrom('anonymous' as const, 'customer' as const, 'admin' as const, 'admin' as const),
        })
        .map(({ path, query, body, as }) => ({
          path,
          query: query.query,
          body,
          as,
          invalid: pathParams.length > 0 || query.invalid || (body?.invalid === true && !(body.value === null && route.bodyOptional)),
        }));

      const send = async (c: HttpCase): Promise<Reply> => {
        const headers: Record<string, string> = { 'idempotency-key': '6f1c2e5d-4a8b-4c9d-8e1f-0a9b8c7d6e5f' };
        if (c.as !== 'anonymous') headers['authorization'] = `Bearer ${(c.as === 'admin' ? admin : customer).token}`;
        const body = c.body === undefined ? undefined : JSON.stringify(c.body.value) ?? 'undefined';
        const request = { body, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' } };
        try {
          return await http(url, route.method, `${c.path}${c.query}`, request);
        } catch (error) {
          // A pooled keep-alive connection closed under a request ("other side closed") is no answer
          // to this input: it goes again once on a connection of its own, where an input the server
          // really drops without answering fails the test.
          if (!isConnectionDrop(error)) throw error;
          connectionDrops += 1;
          const own = new Agent({ connections: 1 });
          try {
            return await http(url, route.method, `${c.path}${c.query}`, { ...request, dispatcher: own });
          } finally {
            await own.close();
          }
        }
      };
      await run(caseArb, async (cases) => {
        const replies = await Promise.all(cases.map(send));
        replies.forEach((reply, i) => {
          const c = cases[i]!;
          const seen = { route: `${route.method} ${route.path}`, status: reply.status, body: reply.body };
          if (reply.status >= 500 || (c.invalid && reply.status < 400)) throw new Error(`${JSON.stringify(seen).slice(0, 2_000)} for ${c.path}${c.query}`.slice(0, 3_000));
          expect(JSON.stringify(reply.body ?? '')).not.toMatch(/\bat .*\.(js|ts):\d+/);
        });
      });
    }
    console.log(`fuzz: ${connectionDrops} pooled connection(s) closed under a request, each sent again and answered on its own connection`);
    await expectAllUp();
  });

  it("answers generated bad messages sent straight to each unit's transport with a typed error, never an internal one", async () => {
    const plan = shop.plan!;
    const endpoints = shippedEndpoints(plan.topology, plan.env);
    const metadata = getMetadataStorage();
    for (const port of PORTS) {
      const unit = plan.topology.units.find((u) => u.domains.includes(port.domain))!;
      const connection = connectToUnit(endpoints.get(unit.name)!);
      try {
        for (const [method, spec] of Object.entries(port.methods)) {
          const pattern = messagePattern(port, method);
          // Each validated field with its JSON type, from the DTO's design types.
          const fields = Object.fromEntries(
            metadata.getTargetValidationMetadatas(spec.input, '', true, false).map((m) => [m.propertyName, { type: DESIGN_TYPES.get(Reflect.getMetadata('design:type', spec.input.prototype, m.propertyName)) }]),
          );
          // A port's list DTOs convert types as query strings need (`limit: true` is 1): a field of the wrong
          // type must only do no harm; a message that is not an object, or has an unknown field, must be refused.
          const messages = badObject(fields).map((c) => ({ value: c.value, invalid: c.invalid && !isObjectWithKnownFields(c.value, Object.keys(fields)) }));
          await run(messages, async (cases) => {
            const replies = await Promise.all(cases.map((c) => connection.request(pattern, c.value, Date.now() + 10_000, new AbortController().signal)));
            replies.forEach((reply: any, i) => {
              const c = cases[i]!;
              const seen = { pattern, reply };
              const refused = reply?.ok === false && typeof reply.error?.code === 'string' && reply.error.kind !== 'internal';
              if (reply?.internal === true || (reply?.ok === false && !refused) || (c.invalid && reply?.error?.code !== 'VALIDATION_FAILED')) {
                writeFileSync(join(dataDir, 'failed-message.json'), JSON.stringify({ pattern, data: c.value }));
                throw new Error(`${JSON.stringify(seen).slice(0, 2_000)} for ${JSON.stringify(c.value)?.slice(0, 500)} (whole message: ${join(dataDir, 'failed-message.json')})`);
              }
            });
          });
        }
      } finally {
        await connection.close();
      }
    }
    await expectAllUp();
  });

  it('changed no row in any domain', async () => {
    expect(await settledCounts()).toEqual(before);
  });
});
