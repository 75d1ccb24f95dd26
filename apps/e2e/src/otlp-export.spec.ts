import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, newCustomer, newProduct } from './support/shop';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  resource: Record<string, unknown>;
}

/**
 * A unit pointed at a collector with the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) sends its spans there over OTLP/HTTP. The
 * collector here is the smallest one that parses what a real one (Jaeger, Tempo) would receive.
 */
describe('traces exported over OTLP/HTTP', () => {
  const dataDir = suiteDir('otlp-export');
  const received: { path: string; contentType: string; spans: ExportedSpan[] }[] = [];
  let collector: Server;
  let shop: UnitProcess;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
        const spans = body.resourceSpans.flatMap((rs) => {
          const resource = Object.fromEntries((rs.resource.attributes as { key: string; value: Record<string, unknown> }[]).map((a) => [a.key, Object.values(a.value)[0]]));
          return (rs.scopeSpans as { spans: ExportedSpan[] }[]).flatMap((s) => s.spans.map((span) => ({ ...span, resource })));
        });
        received.push({ path: request.url ?? '', contentType: String(request.headers['content-type']), spans });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    shop = await monolith(dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'foodcourt-shop',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=e2e',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    }).start();
  });
  afterAll(async () => {
    await shop?.stop();
    collector?.close();
    dropPostgresDatabase('otlp-export');
  });

  it('sends a checkout’s spans with their names, parents and resource attributes', async () => {
    const admin = await adminSession(shop.url);
    const pizza = await newProduct(admin, { price: 950, stock: 10 });
    const ada = await newCustomer(shop.url, 'Ada');
    const traceId = randomBytes(16).toString('hex');
    const reply = await ada.call('POST', '/orders', {
      body: { lines: [{ sku: pizza.sku, quantity: 1 }] },
      headers: { 'Idempotency-Key': randomUUID(), traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(reply.status).toBe(201);

    const spans = await waitFor(
      () => received.flatMap((r) => r.spans).filter((s) => s.traceId === traceId),
      (found) => found.some((s) => s.name === 'mail.send'),
      { what: 'the checkout trace at the collector', timeoutMs: 30_000 },
    );
    expect(new Set(received.map((r) => `${r.path} ${r.contentType}`))).toEqual(new Set(['/v1/traces application/json']));
    const named = (name: string) => spans.find((s) => s.name === name)!;
    expect(named('orders.checkout').parentSpanId).toBe(named('POST /orders').spanId);
    for (const call of ['catalog.reserveStock', 'payments.authorize', 'payments.capture']) expect(named(call).parentSpanId).toBe(named('orders.checkout').spanId);
    expect(named('POST /orders').kind).toBe(2); // SPAN_KIND_SERVER
    expect(named('orders.checkout').kind).toBe(1); // SPAN_KIND_INTERNAL: in-process
    expect(named('notifications.mail-order-confirmed').kind).toBe(5); // SPAN_KIND_CONSUMER
    for (const span of spans) {
      expect(span.resource).toMatchObject({ 'service.name': 'foodcourt-shop', 'foodcourt.unit': 'monolith', 'foodcourt.topology': 'monolith', 'deployment.environment': 'e2e' });
    }
  });
});
