import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Reply } from '../support/http';
import { confirmationsOf } from '../support/monolith';
import { DOMAINS } from '../support/run-databases';
import type { Session } from '../support/shop';

export const TERMINAL = ['CONFIRMED', 'PAYMENT_FAILED', 'REJECTED', 'ABANDONED', 'CANCELLED'];
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One checkout as a careful client saw it: the last reply, how many requests it took. */
export interface CheckoutOutcome {
  key: string;
  reply: Reply | undefined;
  attempts: number;
}

/**
 * A careful client: a 503, a dropped connection or a 201 still PENDING is asked again with the
 * same Idempotency-Key, at most `maxAttempts` times, `pauseMs` apart (`retry5xx: false`: a 503
 * is final). `seen` hears every answer (undefined: the connection dropped).
 */
export async function carefulCheckout(
  customer: Session,
  sku: string,
  { maxAttempts = 80, pauseMs = 250, seen, retry5xx = true }: { maxAttempts?: number; pauseMs?: number; seen?: (reply: Reply | undefined) => void; retry5xx?: boolean } = {},
): Promise<CheckoutOutcome> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    let reply: Reply | undefined;
    try {
      reply = await customer.call('POST', '/orders', { body: { lines: [{ sku, quantity: 1 }] }, headers: { 'Idempotency-Key': key } });
    } catch {
      // connection refused or reset: try again
    }
    seen?.(reply);
    const retry = !reply || (retry5xx && reply.status === 503) || (reply.status === 201 && reply.body?.status === 'PENDING');
    if (!retry || attempt >= maxAttempts) return { key, reply, attempts: attempt };
    await sleep(pauseMs);
  }
}

/** A fault injected once `at` checkouts have finished; faults run one after the other, beside the load. */
export interface Fault {
  at: number;
  name: string;
  inject: () => Promise<void>;
}

/** A bounded load: `checkouts` checkouts, one lane per customer, faults injected at their progress points. */
export async function runLoad(customers: Session[], sku: string, checkouts: number, faults: Fault[]) {
  let started = 0;
  let finished = 0;
  const pending = [...faults].sort((a, b) => a.at - b.at);
  const injected: { name: string; at: number; ms: number }[] = [];
  let chain: Promise<void> = Promise.resolve();
  const results: CheckoutOutcome[] = [];
  const trigger = () => {
    while (pending.length > 0 && pending[0]!.at <= finished) {
      const fault = pending.shift()!;
      chain = chain.then(async () => {
        const began = performance.now();
        await fault.inject();
        injected.push({ name: fault.name, at: finished, ms: Math.round(performance.now() - began) });
      });
    }
  };
  await Promise.all(
    customers.map(async (customer) => {
      while (started < checkouts) {
        // Keep the faults inside the load: no lane runs more than 4 checkouts past a fault still under way.
        while (started < checkouts && faults.some((f) => f.at + 4 <= started && !injected.some((i) => i.name === f.name))) await sleep(100);
        if (started >= checkouts) break;
        started++;
        results.push(await carefulCheckout(customer, sku));
        finished++;
        trigger();
      }
    }),
  );
  await chain;
  return { results, injected };
}

/** Rows of one query in one domain's database. */
export type Query = (domain: string, sql: string) => Record<string, unknown>[];
/** A table's name as written in SQL: `customer_order` on SQLite, `orders.customer_order` on PostgreSQL. */
export type Table = (domain: string, table: string) => string;

export function sqliteQuery(dataDir: string): { query: Query; table: Table } {
  return {
    query: (domain, sql) => {
      const db = new Database(join(dataDir, `${domain}.sqlite`), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    table: (_domain, table) => table,
  };
}

export function postgresQuery(urlOf: (domain: string) => string): { query: Query; table: Table } {
  return {
    query: (domain, sql) => {
      const out = execFileSync('psql', [urlOf(domain), '-v', 'ON_ERROR_STOP=1', '-tA', '-c', `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`], { encoding: 'utf8' });
      return JSON.parse(out.trim()) as Record<string, unknown>[];
    },
    table: (domain, table) => `${domain}.${table}`,
  };
}

export interface Invariant {
  name: string;
  ok: boolean;
  counts: string;
}

/** The invariants, straight from each domain's database (and the mail folder). */
export function checkInvariants(db: { query: Query; table: Table }, dataDir: string, sku: string, initialStock: number, results: CheckoutOutcome[]) {
  const { query, table } = db;
  const orders = query('orders', `SELECT id, status, idempotency_key AS key, lines FROM ${table('orders', 'customer_order')}`) as { id: string; status: string; key: string; lines: string }[];
  const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
  const quantity = (o: { lines: string }) => (JSON.parse(o.lines) as { sku: string; quantity: number }[]).filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0);
  const payments = query('payments', `SELECT order_id, status FROM ${table('payments', 'payment')}`) as { order_id: string; status: string }[];
  const captured = payments.filter((p) => p.status === 'CAPTURED');
  const capturesOf = new Map<string, number>();
  for (const p of captured) capturesOf.set(p.order_id, (capturesOf.get(p.order_id) ?? 0) + 1);
  const doubled = [...capturesOf.values()].filter((n) => n > 1).length;
  const confirmedIds = new Set(confirmed.map((o) => o.id));
  const capturedNotConfirmed = [...capturesOf.keys()].filter((id) => !confirmedIds.has(id)).length;
  const confirmedNotCaptured = confirmed.filter((o) => !capturesOf.has(o.id)).length;
  const stock = Number(query('catalog', `SELECT stock FROM ${table('catalog', 'product')} WHERE sku = '${sku}'`)[0]?.['stock']);
  const reservations = query('catalog', `SELECT order_id, status FROM ${table('catalog', 'stock_reservation')}`) as { order_id: string; status: string }[];
  const statusOf = new Map(orders.map((o) => [o.id, o.status]));
  const heldForUnconfirmed = reservations.filter((r) => r.status === 'RESERVED' && statusOf.get(r.order_id) !== 'CONFIRMED').length;
  const confirmedQuantity = confirmed.reduce((n, o) => n + quantity(o), 0);
  const mails = confirmed.map((o) => confirmationsOf(dataDir, o.id).length);
  const unconfirmedMails = orders.filter((o) => o.status !== 'CONFIRMED').reduce((n, o) => n + confirmationsOf(dataDir, o.id).length, 0);
  const deadLetters = DOMAINS.flatMap((domain) =>
    query(domain, `SELECT subscriber, type, attempts, error FROM ${table(domain, 'dead_letter')}`).map((row) => ({ domain, ...row })),
  );
  // Explained: notifications SIGKILLed while handing an e-mail over parks it rather than risk sending it twice (at most once).
  const unexplained = deadLetters.filter((d) => !(d.domain === 'notifications' && /process stopped while handing this e-mail over/.test(String((d as Record<string, unknown>)['error']))));
  const keys = new Set(results.map((r) => r.key));
  const ordersPerKey = new Map<string, number>();
  for (const o of orders) if (keys.has(o.key)) ordersPerKey.set(o.key, (ordersPerKey.get(o.key) ?? 0) + 1);
  const clientConfirmed = results.filter((r) => r.reply?.status === 201 && r.reply.body?.status === 'CONFIRMED').length;
  // Lost: a checkout with no order, an order the client was told differently about, or a charge without a confirmed order.
  const noOrder = [...keys].filter((k) => !ordersPerKey.has(k)).length;
  const toldWrong = results.filter((r) => {
    const id = r.reply?.body?.id ?? r.reply?.body?.details?.orderId;
    const told = r.reply?.status === 201 ? r.reply.body?.status : undefined;
    return told === 'CONFIRMED' ? statusOf.get(id) !== 'CONFIRMED' : false;
  }).length;
  const lost = noOrder + toldWrong + capturedNotConfirmed + confirmedNotCaptured;
  const invariants: Invariant[] = [
    { name: 'every order terminal', ok: orders.every((o) => TERMINAL.includes(o.status)), counts: `${orders.length} orders, ${orders.filter((o) => !TERMINAL.includes(o.status)).length} not terminal` },
    { name: 'captured payments = confirmed orders', ok: captured.length === confirmed.length && capturedNotConfirmed === 0 && confirmedNotCaptured === 0, counts: `${captured.length} captured, ${confirmed.length} confirmed` },
    { name: 'no order charged twice', ok: doubled === 0, counts: `${doubled} charged twice` },
    { name: 'one order per Idempotency-Key', ok: [...ordersPerKey.values()].every((n) => n === 1) && noOrder === 0, counts: `${ordersPerKey.size} keys with an order, ${noOrder} without` },
    { name: 'stock conserved', ok: initialStock - confirmedQuantity === stock, counts: `${initialStock} − ${confirmedQuantity} = ${stock}` },
    { name: 'no reservation held for an unconfirmed order', ok: heldForUnconfirmed === 0, counts: `${heldForUnconfirmed} held` },
    { name: 'one confirmation e-mail per confirmed order', ok: mails.every((n) => n === 1) && unconfirmedMails === 0, counts: `${mails.filter((n) => n === 1).length}/${confirmed.length} with one, ${mails.filter((n) => n > 1).length} with more, ${unconfirmedMails} for unconfirmed` },
    { name: 'every dead letter explained', ok: unexplained.length === 0, counts: `${deadLetters.length} dead letter(s), ${unexplained.length} unexplained` },
  ];
  return {
    invariants,
    deadLetters,
    summary: { attempted: results.length, confirmed: confirmed.length, clientConfirmed, failed: orders.filter((o) => o.status !== 'CONFIRMED').length, lost, doubled, requests: results.reduce((n, r) => n + r.attempts, 0) },
  };
}

/** The suite's table, printed where CI shows it. */
export function printTable(title: string, injected: { name: string; at: number; ms: number }[], report: ReturnType<typeof checkInvariants>, ms: number): void {
  const s = report.summary;
  const lines = [
    '',
    `==== fault suite: ${title} (${Math.round(ms / 1000)} s) ====`,
    'faults injected:',
    ...injected.map((f) => `  - ${f.name.padEnd(52)} after ${String(f.at).padStart(3)} checkouts (${f.ms} ms)`),
    `checkouts: attempted ${s.attempted}, confirmed ${s.confirmed} (client saw ${s.clientConfirmed}), failed ${s.failed}, requests ${s.requests}`,
    `lost = ${s.lost}, doubled = ${s.doubled}`,
    'invariants:',
    ...report.invariants.map((i) => `  ${i.ok ? 'ok  ' : 'FAIL'} ${i.name.padEnd(46)} ${i.counts}`),
    ...report.deadLetters.map((d) => `  dead letter: ${JSON.stringify(d)}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
