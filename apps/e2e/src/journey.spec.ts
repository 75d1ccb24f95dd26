import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { confirmationsOf, mailFiles, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct, searchUntil, stockOf } from './support/shop';

describe('the customer journey: register, shop, search, check out, read history', () => {
  const dataDir = suiteDir('journey');
  let unit: UnitProcess;
  let url: string;

  beforeAll(async () => {
    unit = await monolith(dataDir).start();
    url = unit.url;
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('journey');
  });

  it('works end to end', async () => {
    // A customer registers and is welcomed.
    const ada = await newCustomer(url, 'Ada');
    const me = await ada.call('GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: ada.userId, email: ada.email, roles: ['customer'] });
    await waitFor(() => mailFiles(dataDir).filter((m) => m.text.includes(`To: ${ada.email}`) && /Welcome/.test(m.text)), (m) => m.length === 1, {
      what: 'welcome e-mail',
    });

    // The admin stocks the shop; search learns about it from catalog events.
    const admin = await adminSession(url);
    const margherita = await newProduct(admin, { name: 'Pizza Margherita', description: 'Tomato, mozzarella, basil', price: 950, stock: 20 });
    const marinara = await newProduct(admin, { name: 'Pizza Marinara', description: 'Tomato, garlic, oregano', price: 800, stock: 20 });
    const tiramisu = await newProduct(admin, { name: 'Tiramisu', description: 'Coffee and mascarpone', price: 600, stock: 20 });
    const found = await searchUntil(url, 'q=pizza', (skus) => skus.length === 2);
    expect(found.sort()).toEqual([margherita.sku, marinara.sku].sort());
    expect(await searchUntil(url, 'q=mascarpone', (skus) => skus.length === 1)).toEqual([tiramisu.sku]);

    // The customer checks out at catalog prices.
    const order = await checkout(ada, [
      { sku: margherita.sku, quantity: 2 },
      { sku: tiramisu.sku, quantity: 1 },
    ]);
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'CONFIRMED', total: 2 * 950 + 600 });
    expect(await stockOf(url, margherita.sku)).toBe(18);
    expect(await stockOf(url, tiramisu.sku)).toBe(19);
    // Search sees the new stock too, eventually.
    await waitFor(
      async () => (await http(url, 'GET', `/search/products?q=margherita`)).body.items[0]?.stock,
      (stock) => stock === 18,
      { what: 'search stock updated' },
    );
    await waitFor(() => confirmationsOf(dataDir, order.body.id), (m) => m.length === 1, { what: 'confirmation e-mail' });

    // Another customer's history does not show Ada's order, and Ada's shows only hers.
    const bob = await newCustomer(url, 'Bob');
    await checkout(bob, [{ sku: marinara.sku, quantity: 1 }]);
    const adaOrders = await ada.call('GET', '/orders');
    expect(adaOrders.body.items.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
    const bobOrders = await bob.call('GET', '/orders');
    expect(bobOrders.body.total).toBe(1);
    expect(bobOrders.body.items[0].customerId).toBe(bob.userId);
    // Asking for someone else's orders explicitly changes nothing for a customer.
    expect((await bob.call('GET', `/orders?customerId=${ada.userId}`)).body.items.map((o: { customerId: string }) => o.customerId)).toEqual([bob.userId]);
    // The admin sees everyone's.
    expect((await admin.call('GET', '/orders')).body.total).toBe(2);
    expect((await admin.call('GET', `/orders?customerId=${ada.userId}`)).body.items.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
  });
});
