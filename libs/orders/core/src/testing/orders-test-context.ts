import type { TestingModule } from '@nestjs/testing';
import { OutboxEventRecord } from '@foodcourt/platform-messaging';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { createLocalBinding } from '@foodcourt/platform-kernel';
import { startDomainTestApp } from '@foodcourt/platform-testing';
import { CatalogPort } from '@foodcourt/catalog-contract';
import { FakeCatalog, type FakeProduct } from '@foodcourt/catalog-contract/testing';
import { OrdersPort, type OrdersApi } from '@foodcourt/orders-contract';
import { PaymentsPort } from '@foodcourt/payments-contract';
import { FakePayments } from '@foodcourt/payments-contract/testing';
import { OrdersCoreModule } from '../orders-core.module';
import { OrderEntity } from '../order.entity';
import { OrderRecovery } from '../order-recovery';
import { OrdersConfig } from '../orders-config';

/** What the fake catalog sells unless a test says otherwise. */
export const DEFAULT_MENU: FakeProduct[] = [
  { sku: 'PIZZA-MARGHERITA', price: 850, stock: 100 },
  { sku: 'COLA', price: 250, stock: 100 },
  { sku: 'BANQUET', price: 1_000_000, stock: 1_000 },
  { sku: 'BURGER-USD', price: 900, currency: 'USD', stock: 100 },
];

export interface OrdersTestOptions {
  /** The fake catalog's products (default DEFAULT_MENU). */
  products?: FakeProduct[];
  /** Overrides of OrdersConfig (default: from the environment, i.e. a 60 s pending timeout). */
  config?: Partial<OrdersConfig>;
}

/** The orders domain on a real SQLite database in a temp dir, with catalog and payments faked behind their ports (test support). */
export interface OrdersTestContext {
  app: TestingModule;
  orders: OrdersApi;
  payments: FakePayments;
  catalog: FakeCatalog;
  recovery: OrderRecovery;
  db: DomainDatabase;
  orderRows(): Promise<OrderEntity[]>;
  outboxRows(): Promise<OutboxEventRecord[]>;
  close(): Promise<void>;
}

/** Builds and initializes the context (relay off: events stay in the outbox); close() shuts the app down and deletes the temp dir. */
export async function startOrdersContext(options: OrdersTestOptions = {}): Promise<OrdersTestContext> {
  const payments = new FakePayments();
  const catalog = new FakeCatalog(options.products ?? DEFAULT_MENU);
  const config = options.config && Object.assign(new OrdersConfig(), { pendingTimeoutMs: 60_000, recoveryIntervalMs: 30_000 }, options.config);
  const { app, database, close } = await startDomainTestApp({
    imports: [OrdersCoreModule],
    // What the runtime does for a port hosted elsewhere: a global provider, validated like any binding.
    providers: [
      { provide: PaymentsPort.token, useValue: createLocalBinding(PaymentsPort, payments) },
      { provide: CatalogPort.token, useValue: createLocalBinding(CatalogPort, catalog) },
    ],
    overrides: config ? [{ provide: OrdersConfig, useValue: config }] : [],
    messaging: { relayEnabled: false, pollIntervalMs: 50, retryMaxMs: 100 },
    tempDirPrefix: 'orders-core-',
  });
  const db = database('orders');
  return {
    app,
    orders: app.get<OrdersApi>(OrdersPort.token),
    payments,
    catalog,
    recovery: app.get(OrderRecovery),
    db,
    orderRows: () => db.read((m) => m.find(OrderEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close,
  };
}
