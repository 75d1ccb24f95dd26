import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { MessagingModule, OutboxEventRecord, type MessagingConfig } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
import { createLocalBinding } from '@foodcourt/platform-runtime';
import { CatalogPort } from '@foodcourt/catalog-contract';
import { OrdersPort, type OrdersApi } from '@foodcourt/orders-contract';
import { PaymentsPort } from '@foodcourt/payments-contract';
import { OrdersCoreModule } from '../orders-core.module';
import { OrderEntity } from '../order.entity';
import { OrderRecovery } from '../order-recovery';
import { OrdersConfig } from '../orders-config';
import { FakeCatalog, type FakeProduct } from './fake-catalog';
import { FakePayments } from './fake-payments';

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

const messaging: MessagingConfig = { relayEnabled: false, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 100 };

class FakeOtherDomainsModule {}

/** Builds and initializes the context; close() shuts the app down and deletes the temp dir. */
export async function startOrdersContext(options: OrdersTestOptions = {}): Promise<OrdersTestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-core-'));
  const payments = new FakePayments();
  const catalog = new FakeCatalog(options.products ?? DEFAULT_MENU);
  // What the runtime does for a port hosted elsewhere: a global provider, validated like any binding.
  const otherDomains = {
    module: FakeOtherDomainsModule,
    global: true,
    providers: [
      { provide: PaymentsPort.token, useValue: createLocalBinding(PaymentsPort, payments) },
      { provide: CatalogPort.token, useValue: createLocalBinding(CatalogPort, catalog) },
    ],
    exports: [PaymentsPort.token, CatalogPort.token],
  };
  let app: TestingModule | undefined;
  try {
    let builder = Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir }), MessagingModule.forRoot(messaging), otherDomains, OrdersCoreModule],
    }).setLogger({ log() {}, error() {}, warn() {} });
    if (options.config) {
      const config = Object.assign(new OrdersConfig(), { pendingTimeoutMs: 60_000, recoveryIntervalMs: 30_000 }, options.config);
      builder = builder.overrideProvider(OrdersConfig).useValue(config);
    }
    app = await builder.compile();
    await app.init();
  } catch (error) {
    await app?.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const db = app.get<DomainDatabase>(domainDatabaseToken('orders'));
  return {
    app,
    orders: app.get<OrdersApi>(OrdersPort.token),
    payments,
    catalog,
    recovery: app.get(OrderRecovery),
    db,
    orderRows: () => db.read((m) => m.find(OrderEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
