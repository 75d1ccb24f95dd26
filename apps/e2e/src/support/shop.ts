import { randomUUID } from 'node:crypto';
import { waitFor } from '@foodcourt/platform-testing';
import { http, type Reply } from './http';

/** The first admin every suite's monolith is started with (IDENTITY_ADMIN_* settings). */
export const ADMIN = { email: 'admin@foodcourt.test', password: 'admin-Passw0rd-e2e' };

/** Settings a suite's monolith needs for the shop journeys: the admin, and cheap password hashing. */
export const SHOP_ENV: Record<string, string> = {
  IDENTITY_ADMIN_EMAIL: ADMIN.email,
  IDENTITY_ADMIN_PASSWORD: ADMIN.password,
  IDENTITY_ARGON2_MEMORY_KIB: '8192',
  // Every suite logs in from 127.0.0.1; the rate-limit tests start their own unit with real limits.
  IDENTITY_LOGIN_MAX_PER_IP: '100000',
};

/** A logged-in user: their token and id, and a request helper that sends the token. */
export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  email: string;
  call<T = any>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<Reply<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let people = 0;

/** Logs in and returns a session, failing loudly if the login is refused. */
export async function login(url: string, email: string, password: string): Promise<Session> {
  const reply = await http(url, 'POST', '/auth/login', { body: { email, password } });
  if (reply.status !== 200) throw new Error(`login of ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const token = reply.body.accessToken as string;
  return {
    token,
    refreshToken: reply.body.refreshToken,
    userId: reply.body.user.id,
    email,
    call: (method, path, options = {}) => http(url, method, path, { ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } }),
  };
}

/** Registers a new customer (unique e-mail) and logs them in. */
export async function newCustomer(url: string, name = 'Ada'): Promise<Session> {
  people += 1;
  const email = `${name.toLowerCase()}-${process.pid}-${people}-${Date.now()}@example.com`;
  const password = 'correct-horse-9-battery';
  const reply = await http(url, 'POST', '/auth/register', { body: { email, password, name } });
  if (reply.status !== 201) throw new Error(`register failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return login(url, email, password);
}

export function adminSession(url: string): Promise<Session> {
  return login(url, ADMIN.email, ADMIN.password);
}

/** Creates a product with a unique sku (admin) and returns it. */
export async function newProduct(admin: Session, fields: { name?: string; description?: string; price?: number; stock?: number; currency?: string } = {}) {
  const sku = `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
  const reply = await admin.call('POST', '/products', {
    body: { sku, name: fields.name ?? `Product ${sku}`, description: fields.description ?? 'Freshly made.', price: fields.price ?? 950, currency: fields.currency ?? 'EUR', stock: fields.stock ?? 100 },
  });
  if (reply.status !== 201) throw new Error(`product creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { sku: string; price: number; stock: number; name: string };
}

/** Current stock of a product, as anyone can read it. */
export async function stockOf(url: string, sku: string): Promise<number> {
  return (await http(url, 'GET', `/products/${sku}`)).body.stock;
}

/** Checks out `lines` for `customer` with a fresh Idempotency-Key (or the one given). */
export function checkout(customer: Session, lines: { sku: string; quantity: number }[], key: string = randomUUID()) {
  return customer.call('POST', '/orders', { body: { lines }, headers: { 'Idempotency-Key': key } });
}

/** Waits until search (fed by events) returns exactly `skus` for `query`. */
export function searchUntil(url: string, query: string, accept: (skus: string[]) => boolean) {
  return waitFor(
    async () => ((await http(url, 'GET', `/search/products?${query}`)).body.items as { sku: string }[]).map((i) => i.sku),
    accept,
    { what: `search ${query}` },
  );
}
