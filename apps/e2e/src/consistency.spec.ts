import type { UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct, searchUntil, stockOf, type Session } from './support/shop';

describe('consistency across catalog, orders and payments', () => {
  const dataDir = suiteDir('consistency');
  let unit: UnitProcess;
  let url: string;
  let admin: Session;

  beforeAll(async () => {
    unit = await monolith(dataDir, { PAYMENTS_SIM_DECLINE_OVER: '100000' }).start();
    url = unit.url;
    admin = await adminSession(url);
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('consistency');
  });

  it('refuses more units than in stock with 409, takes no stock and charges nothing', async () => {
    const soup = await newProduct(admin, { name: 'Soup', stock: 3 });
    const ada = await newCustomer(url, 'Ada');
    const reply = await checkout(ada, [{ sku: soup.sku, quantity: 4 }]);

    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('INSUFFICIENT_STOCK');
    expect(reply.body.details).toMatchObject({ sku: soup.sku, requested: 4, available: 3 });
    expect(await stockOf(url, soup.sku)).toBe(3);
    const orderId = reply.body.details.orderId;
    expect((await ada.call('GET', `/orders/${orderId}`)).body.status).toBe('REJECTED');
    expect((await ada.call('GET', `/payments?orderId=${orderId}`)).body.items).toEqual([]);
  });

  it('answers 404 naming an unknown sku and stores nothing', async () => {
    const ada = await newCustomer(url, 'Ann');
    const reply = await checkout(ada, [{ sku: 'NO-SUCH-DISH', quantity: 1 }]);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('PRODUCT_NOT_FOUND');
    expect(reply.body.details.skus).toEqual(['NO-SUCH-DISH']);
    expect((await ada.call('GET', '/orders')).body.total).toBe(0);
  });

  it('releases the stock of an order whose payment is declined', async () => {
    const feast = await newProduct(admin, { name: 'Feast', price: 200_000, stock: 2 });
    const bob = await newCustomer(url, 'Bob');
    const reply = await checkout(bob, [{ sku: feast.sku, quantity: 1 }]);
    expect(reply.status).toBe(402);
    expect(await stockOf(url, feast.sku)).toBe(2);
  });

  it('sells the last unit exactly once when customers race for it', async () => {
    const last = await newProduct(admin, { name: 'Last slice', stock: 1 });
    const customers = await Promise.all(['Cy', 'Di', 'Ed', 'Flo', 'Gil', 'Hu'].map((name) => newCustomer(url, name)));
    const replies = await Promise.all(customers.map((c) => checkout(c, [{ sku: last.sku, quantity: 1 }])));

    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await stockOf(url, last.sku)).toBe(0);
    const winner = customers[replies.findIndex((r) => r.status === 201)]!;
    expect((await winner.call('GET', '/orders')).body.items[0].status).toBe('CONFIRMED');
  });

  it('rebuilds the search index from scratch with the same results', async () => {
    await newProduct(admin, { name: 'Garlic bread', description: 'Crusty bread, garlic butter' });
    await newProduct(admin, { name: 'Bread pudding', description: 'Warm, with custard' });
    const query = 'q=bread&limit=50';
    await searchUntil(url, query, (skus) => skus.length === 2);
    const before = (await http(url, 'GET', `/search/products?${query}`)).body;
    const all = (await http(url, 'GET', '/search/products?limit=50')).body;

    const rebuilt = await admin.call('POST', '/admin/search/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.indexed).toBe((await http(url, 'GET', '/products?limit=100')).body.total);
    expect((await http(url, 'GET', `/search/products?${query}`)).body).toEqual(before);
    expect((await http(url, 'GET', '/search/products?limit=50')).body).toEqual(all);
  });
});
