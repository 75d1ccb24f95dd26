import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { confirmationsOf, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, login, newCustomer, newProduct, stockOf } from './support/shop';

describe('a crash loses nothing', () => {
  const dataDir = suiteDir('crash');
  let unit: UnitProcess | undefined;

  afterEach(async () => {
    await unit?.stop();
  });
  afterAll(() => dropPostgresDatabase('crash'));

  it('sends the confirmation exactly once after the monolith is killed (SIGKILL) between commit and delivery', async () => {
    // The relay is held back so the order commits while its event is still in the outbox.
    unit = await monolith(dataDir, { OUTBOX_RELAY: 'off' }).start();
    const admin = await adminSession(unit.url);
    const soup = await newProduct(admin, { name: 'Soup', stock: 10 });
    const ada = await newCustomer(unit.url, 'Ada');
    const placed = await checkout(ada, [{ sku: soup.sku, quantity: 1 }]);
    expect(placed.body.status).toBe('CONFIRMED');
    expect(confirmationsOf(dataDir, placed.body.id)).toHaveLength(0);

    await unit.kill();
    unit = await monolith(dataDir).start();

    await waitFor(() => confirmationsOf(dataDir, placed.body.id), (m) => m.length === 1, { what: 'e-mail after restart' });
    const again = await login(unit.url, ada.email, 'correct-horse-9-battery');
    expect((await again.call('GET', `/orders/${placed.body.id}`)).body.status).toBe('CONFIRMED');

    // Events are handled in order: once a later order's mail is out, nothing else is coming for the first.
    const later = await checkout(again, [{ sku: soup.sku, quantity: 1 }]);
    await waitFor(() => confirmationsOf(dataDir, later.body.id), (m) => m.length === 1, { what: 'later e-mail' });
    expect(confirmationsOf(dataDir, placed.body.id)).toHaveLength(1);
  });

  it('gives the stock back when the process dies in the middle of a checkout (recovery sweep on start)', async () => {
    // Payments answers slowly, so the order is stored and its stock reserved when the process dies.
    unit = await monolith(dataDir, { PAYMENTS_SIM_LATENCY_MS: '3000' }).start();
    const admin = await adminSession(unit.url);
    const cake = await newProduct(admin, { name: 'Cake', stock: 5 });
    const bo = await newCustomer(unit.url, 'Bo');
    const inFlight = checkout(bo, [{ sku: cake.sku, quantity: 2 }]).catch(() => undefined);
    await waitFor(() => stockOf(unit!.url, cake.sku), (stock) => stock === 3, { what: 'stock reserved' });
    await unit.kill();
    await inFlight;

    unit = await monolith(dataDir, { ORDERS_PENDING_TIMEOUT_MS: '0' }).start();
    await waitFor(() => stockOf(unit!.url, cake.sku), (stock) => stock === 5, { what: 'stock released by recovery' });
    const boAgain = await login(unit.url, bo.email, 'correct-horse-9-battery');
    const orders = await boAgain.call('GET', '/orders');
    expect(orders.body.items.map((o: { status: string }) => o.status)).toEqual(['ABANDONED']);
    expect((await http(unit.url, 'GET', `/products/${cake.sku}`)).body.stock).toBe(5);
  });
});
