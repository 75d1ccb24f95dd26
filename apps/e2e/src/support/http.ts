/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are JSON the assertions inspect field by field */
import type { Dispatcher } from 'undici';

/** A response as the suite inspects it: status, parsed JSON body (or text) and headers. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Sends one real HTTP request; `body` objects are sent as JSON, strings as they are. `dispatcher`
 * (an undici Agent) replaces the shared keep-alive pool, for a request that needs a connection of its own.
 */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; dispatcher?: Dispatcher } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  // (Node's fetch takes an undici dispatcher; its RequestInit type does not list it.)
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) } as RequestInit);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

let counter = 0;
/** A checkout body; each call gets its own customer e-mail unless one is given. */
export function checkoutBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    customerEmail: `customer-${Date.now()}-${counter}@example.com`,
    currency: 'EUR',
    lines: [
      { sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 950 },
      { sku: 'LEMONADE', quantity: 1, unitPrice: 350 },
    ],
    ...overrides,
  };
}
