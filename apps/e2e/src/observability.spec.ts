import { randomBytes, randomUUID } from 'node:crypto';
import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { monolith, suiteDir } from './support/monolith';
import { logLines, observedUnits, scrape, series, unitOf, type ObservedUnit } from './support/observed-units';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct, type Session } from './support/shop';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  unit: string;
  attributes: Record<string, string | number | boolean>;
}

/**
 * What a team that split the shop sees of one request: one trace across every unit it crossed
 * (the same span names as in the monolith, marked local or remote), that trace's id in every
 * unit's log, Prometheus counters that move by exactly what was done, and no secret in any log.
 */
describe('observability across the units', () => {
  const dataDir = suiteDir('observability');
  let shop: UnitProcess;
  let url: string;
  let units: ObservedUnit[];
  let admin: Session;
  let pizza: { sku: string };
  let banquet: { sku: string };

  beforeAll(async () => {
    // Declines any authorization above 1,000.00: the banquet is a declined payment.
    // LOG_LEVEL=debug: a unit serving a port call logs it (the trace id must be in every unit's log).
    shop = await monolith(dataDir, { PAYMENTS_SIM_DECLINE_OVER: '100000', LOG_LEVEL: 'debug' }).start();
    url = shop.url;
    units = observedUnits(shop);
    admin = await adminSession(url);
    pizza = await newProduct(admin, { name: 'Pizza Margherita', price: 950, stock: 1_000 });
    banquet = await newProduct(admin, { name: 'Banquet', price: 150_000, stock: 10 });
  });
  afterAll(async () => {
    await shop?.stop();
    dropPostgresDatabase('observability');
  });

  const spansOf = (traceId: string) => admin.call('GET', `/admin/traces/${traceId}`).then((r) => r.body.spans as Span[]);

  /**
   * The span in which `callee`'s code runs for a call `name` made from inside `parent`: in-process,
   * one INTERNAL span marked local; across units, a CLIENT span in the caller's unit and a SERVER
   * span in the callee's, both marked remote.
   */
  function callUnder(spans: Span[], parent: Span, name: string, domain: string): Span {
    const caller = parent.unit;
    const callee = unitOf(units, domain).name;
    const children = spans.filter((s) => s.parentSpanId === parent.spanId && s.name === name);
    if (caller === callee) {
      expect(children).toEqual([expect.objectContaining({ kind: 'internal', unit: caller, attributes: expect.objectContaining({ 'foodcourt.binding': 'local' }) })]);
      return children[0]!;
    }
    expect(children).toEqual([expect.objectContaining({ kind: 'client', unit: caller, attributes: expect.objectContaining({ 'foodcourt.binding': 'remote', 'foodcourt.peer_unit': callee }) })]);
    const served = spans.filter((s) => s.parentSpanId === children[0]!.spanId && s.name === name);
    expect(served).toEqual([expect.objectContaining({ kind: 'server', unit: callee, attributes: expect.objectContaining({ 'foodcourt.binding': 'remote' }) })]);
    return served[0]!;
  }

  it('makes one checkout one trace: HTTP → orders.checkout → catalog and payments → the confirmation e-mail, its id in every unit’s log', async () => {
    const ada = await newCustomer(url, 'Ada');
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const reply = await ada.call('POST', '/orders', {
      body: { lines: [{ sku: pizza.sku, quantity: 1 }] },
      headers: { 'Idempotency-Key': randomUUID(), traceparent: `00-${traceId}-${clientSpanId}-01` },
    });
    expect(reply.status).toBe(201);

    const spans = await waitFor(
      () => spansOf(traceId),
      (found) => found.some((s) => s.name === 'mail.send' && s.attributes['foodcourt.mail_template'] === 'order-confirmed'),
      { what: 'the confirmation e-mail in the checkout trace', timeoutMs: 30_000 },
    );
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceId]));

    const request = spans.find((s) => s.name === 'POST /orders')!;
    expect(request).toMatchObject({ kind: 'server', parentSpanId: clientSpanId, unit: units.find((u) => u.url === url)!.name });
    const checkoutSpan = callUnder(spans, request, 'orders.checkout', 'orders');
    for (const [name, domain] of [
      ['catalog.reserveStock', 'catalog'],
      ['payments.authorize', 'payments'],
      ['payments.capture', 'payments'],
    ] as const) {
      callUnder(spans, checkoutSpan, name, domain);
    }
    // The event leaves with the checkout's context: its handling and the send are in the same trace.
    const handling = spans.find((s) => s.name === 'notifications.mail-order-confirmed')!;
    expect(handling).toMatchObject({ kind: 'consumer', unit: unitOf(units, 'notifications').name });
    expect(isDescendant(spans, handling, checkoutSpan)).toBe(true);
    const send = spans.find((s) => s.name === 'mail.send' && s.attributes['foodcourt.mail_template'] === 'order-confirmed')!;
    expect(isDescendant(spans, send, handling)).toBe(true);

    const crossed = new Set([request.unit, ...['orders', 'catalog', 'payments', 'notifications'].map((d) => unitOf(units, d).name)]);
    for (const unit of units.filter((u) => crossed.has(u.name))) {
      const lines = logLines(unit).filter((line) => line['traceId'] === traceId);
      expect({ unit: unit.name, logged: lines.length > 0 }).toEqual({ unit: unit.name, logged: true });
      expect(lines.every((line) => line['unit'] === unit.name)).toBe(true);
    }
  });

  it('lists recent traces with the units each crossed', async () => {
    const listed = await admin.call('GET', '/admin/traces');
    expect(listed.status).toBe(200);
    const checkoutTrace = (listed.body.traces as { root: string; units: string[] }[]).find((t) => t.root === 'POST /orders');
    const crossed = [units.find((u) => u.url === url)!.name, ...['orders', 'catalog', 'payments', 'notifications'].map((d) => unitOf(units, d).name)];
    // Search too, in a split shop: it consumes the stock change the checkout published.
    expect(checkoutTrace?.units).toEqual(expect.arrayContaining([...new Set(crossed)]));
    expect((await http(url, 'GET', '/admin/traces')).status).toBe(401);
  });

  it('ignores a malformed traceparent: the request is served and starts a trace of its own', async () => {
    const reply = await http(url, 'GET', '/products', { headers: { traceparent: '00-not-a-trace-id-01' } });
    expect(reply.status).toBe(200);
  });

  it('counts exactly the port calls made, by method, binding and outcome; a declined payment is a domain error', async () => {
    const ada = await newCustomer(url, 'Counted');
    const before = new Map(await Promise.all(units.map(async (u) => [u.name, await scrape(u)] as const)));
    for (let i = 0; i < 3; i++) expect((await checkout(ada, [{ sku: pizza.sku, quantity: 1 }])).status).toBe(201);
    expect((await checkout(ada, [{ sku: banquet.sku, quantity: 1 }])).status).toBe(402);
    const after = new Map(await Promise.all(units.map(async (u) => [u.name, await scrape(u)] as const)));
    const moved = (unit: string, key: string) => (after.get(unit)!.get(key) ?? 0) - (before.get(unit)!.get(key) ?? 0);

    const httpUnit = units.find((u) => u.url === url)!.name;
    const ordersUnit = unitOf(units, 'orders').name;
    const calls = (unit: string, domain: string, method: string, outcome: string) => {
      const binding = unit === unitOf(units, domain).name ? 'local' : 'remote';
      return moved(unit, series('foodcourt_port_calls_total', { domain, method, binding, outcome }));
    };
    expect(calls(httpUnit, 'orders', 'checkout', 'ok')).toBe(3);
    expect(calls(httpUnit, 'orders', 'checkout', 'domain_error')).toBe(1);
    expect(calls(httpUnit, 'orders', 'checkout', 'unavailable')).toBe(0);
    expect(calls(ordersUnit, 'catalog', 'reserveStock', 'ok')).toBe(4);
    expect(calls(ordersUnit, 'catalog', 'releaseStock', 'ok')).toBe(1);
    // A declined authorization is payments' answer (PAYMENT_DECLINED), not a failure of the call.
    expect(calls(ordersUnit, 'payments', 'authorize', 'ok')).toBe(3);
    expect(calls(ordersUnit, 'payments', 'authorize', 'domain_error')).toBe(1);
    expect(calls(ordersUnit, 'payments', 'capture', 'ok')).toBe(3);
    for (const unit of new Set([httpUnit, ordersUnit])) {
      for (const [key, value] of after.get(unit)!) {
        if (key.startsWith('foodcourt_port_calls_total{') && /outcome="(unavailable|error)"/.test(key)) expect({ key, moved: value - (before.get(unit)!.get(key) ?? 0) }).toEqual({ key, moved: 0 });
      }
    }
    const paymentsUnit = unitOf(units, 'payments').name;
    if (paymentsUnit !== ordersUnit) {
      expect(moved(paymentsUnit, series('foodcourt_port_calls_served_total', { domain: 'payments', method: 'authorize', outcome: 'ok' }))).toBe(3);
      expect(moved(paymentsUnit, series('foodcourt_port_calls_served_total', { domain: 'payments', method: 'authorize', outcome: 'domain_error' }))).toBe(1);
      expect(moved(paymentsUnit, series('foodcourt_port_calls_served_total', { domain: 'payments', method: 'capture', outcome: 'ok' }))).toBe(3);
    }
    expect(moved(httpUnit, series('foodcourt_http_request_duration_seconds_count', { method: 'POST', route: '/orders', status: '201' }))).toBe(3);
    expect(moved(httpUnit, series('foodcourt_http_request_duration_seconds_count', { method: 'POST', route: '/orders', status: '402' }))).toBe(1);
    expect(after.get(httpUnit)!.get('process_resident_memory_bytes{}')).toBeGreaterThan(0);
    // Every checkout's events were relayed; what each unit holds is read from its own databases.
    const eventsUnit = unitOf(units, 'orders').name;
    await waitFor(() => scrape(unitOf(units, 'orders')), (m) => m.get(series('foodcourt_outbox_waiting', { domain: 'orders' })) === 0, { what: 'the orders outbox drained' });
    expect(after.get(eventsUnit)!.has(series('foodcourt_outbox_oldest_age_seconds', { domain: 'orders' }))).toBe(true);
    expect(after.get(unitOf(units, 'notifications').name)!.get(series('foodcourt_dead_letters_waiting', { domain: 'notifications' }))).toBe(0);
    // Three confirmed orders: notifications handles exactly three order-confirmed events.
    const notifications = unitOf(units, 'notifications');
    const handled = series('foodcourt_inbox_handled_total', { domain: 'notifications', event: 'orders.order-confirmed' });
    const handledBefore = before.get(notifications.name)!.get(handled) ?? 0;
    await waitFor(() => scrape(notifications), (m) => (m.get(handled) ?? 0) - handledBefore >= 3, { what: 'three order confirmations handled' });
    expect(((await scrape(notifications)).get(handled) ?? 0) - handledBefore).toBe(3);
  });

  it('writes no password, token or secret to any unit’s log', async () => {
    const password = `Secret-${randomBytes(6).toString('hex')}-9x`;
    const email = `redact-${Date.now()}@example.com`;
    expect((await http(url, 'POST', '/auth/register', { body: { email, password, name: 'Redact' } })).status).toBe(201);
    const login = await http(url, 'POST', '/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const refreshed = await http(url, 'POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    const failed = await http(url, 'POST', '/auth/login', { body: { email, password: `${password}-wrong` } });
    expect(failed.status).toBe(401);
    const order = await http(url, 'POST', '/orders', {
      body: { lines: [{ sku: pizza.sku, quantity: 1 }] },
      headers: { authorization: `Bearer ${refreshed.body.accessToken}`, 'Idempotency-Key': randomUUID() },
    });
    expect(order.status).toBe(201);
    const secrets = [password, login.body.accessToken, login.body.refreshToken, refreshed.body.accessToken, refreshed.body.refreshToken, admin.token];
    for (const unit of units) {
      const text = logLines(unit)
        .map((line) => JSON.stringify(line))
        .join('\n');
      for (const secret of secrets) expect({ unit: unit.name, leaks: text.includes(secret) }).toEqual({ unit: unit.name, leaks: false });
    }
  });
});

function isDescendant(spans: Span[], span: Span, ancestor: Span): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let at = span.parentSpanId && byId.get(span.parentSpanId); at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
    if (at.spanId === ancestor.spanId) return true;
  }
  return false;
}
