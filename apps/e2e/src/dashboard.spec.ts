import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, TopologyProcess, waitFor } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { suiteDir } from './support/monolith';
import { ADMIN, adminSession, newCustomer, newProduct, SHOP_ENV } from './support/shop';

/** Debian's Chromium, never a downloaded browser (the machine has no network beyond the registries). */
const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] };

/**
 * The dashboard in a real browser, on the shop split over TCP (seven units): an operator logs in,
 * finds the trace of a checkout across the units, and replays a dead letter with the button.
 * Screenshots: tmp/e2e/dashboard/*.png.
 */
describe('the dashboard in a browser', () => {
  const dataDir = suiteDir('dashboard');
  let shop: TopologyProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The mail server is unreachable: the confirmation e-mail ends as a dead letter to replay.
    const closedPort = await freePort();
    shop = await new TopologyProcess({
      topologyFile: 'topology/split-tcp.yaml',
      dataDir,
      env: { ...SHOP_ENV, MAIL_TRANSPORT: `smtp://127.0.0.1:${closedPort}`, EVENT_MAX_ATTEMPTS: '2', EVENT_RETRY_BASE_MS: '20' },
    }).start();
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
  });

  it('logs in as admin, shows a checkout’s trace across units, and replays a dead letter', async () => {
    await page.goto(`${shop.url}/dashboard`);
    await page.fill('#login-password', 'wrong-password-1');
    await page.fill('#login-email', ADMIN.email);
    await page.click('#login-submit');
    await page.waitForSelector('#login-error:not(:empty)');

    await page.fill('#login-password', ADMIN.password);
    await page.click('#login-submit');
    await page.waitForSelector('#units tbody tr td.up');
    expect(await page.locator('#units tbody tr').count()).toBe(7);

    const admin = await adminSession(shop.url);
    const pizza = await newProduct(admin, { price: 950, stock: 50 });
    const ada = await newCustomer(shop.url, 'Ada');
    const traceId = randomBytes(16).toString('hex');
    const placed = await ada.call('POST', '/orders', {
      body: { lines: [{ sku: pizza.sku, quantity: 1 }] },
      headers: { 'Idempotency-Key': randomUUID(), traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(placed.status).toBe(201);

    const traceRow = page.locator(`#traces tr[data-trace-id="${traceId}"]`);
    await traceRow.waitFor({ timeout: 30_000 });
    expect(Number(await traceRow.getAttribute('data-units'))).toBeGreaterThanOrEqual(3);
    await page.locator('#calls tbody tr[data-method="orders.checkout"]').first().waitFor();
    await traceRow.click();
    await page.waitForSelector('#waterfall-rows .span-row[data-name="payments.capture"]');
    const units = [...new Set(await page.locator('#waterfall-rows .span-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit'))))];
    expect(units).toEqual(expect.arrayContaining(['gateway', 'orders', 'catalog', 'payments']));
    await page.screenshot({ path: join(dataDir, 'trace.png'), fullPage: true });

    const letters = await waitFor(
      () => admin.call('GET', '/admin/dead-letters').then((r) => r.body as { id: string; subscriber: string }[]),
      (found) => found.some((l) => l.subscriber === 'notifications.mail-order-confirmed'),
      { what: 'the confirmation e-mail dead-lettered', timeoutMs: 60_000 },
    );
    const letter = letters.find((l) => l.subscriber === 'notifications.mail-order-confirmed')!;
    const replay = page.locator(`#dead-letters button[data-replay="${letter.id}"]`);
    await replay.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(dataDir, 'dead-letter.png'), fullPage: true });
    await replay.click();
    // A locator, not waitForFunction: the page's Content-Security-Policy forbids evaluating strings.
    await page.locator('#status', { hasText: /^replayed event/ }).waitFor();
    const after = (await admin.call('GET', '/admin/dead-letters')).body as { id: string }[];
    expect(after.map((l) => l.id)).not.toContain(letter.id);
    await page.screenshot({ path: join(dataDir, 'replayed.png'), fullPage: true });

    // The data behind the page is the admin's only.
    expect((await http(shop.url, 'GET', '/admin/overview')).status).toBe(401);
    expect((await ada.call('GET', '/admin/overview')).status).toBe(403);
  });
});
