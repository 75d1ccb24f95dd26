import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { MessagingModule, OutboxEventRecord, type MessagingConfig } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
import { createLocalBinding } from '@foodcourt/platform-runtime';
import { OrdersPort, type OrdersApi } from '@foodcourt/orders-contract';
import { PaymentsPort } from '@foodcourt/payments-contract';
import { OrdersCoreModule } from '../orders-core.module';
import { OrderEntity } from '../order.entity';
import { FakePayments } from './fake-payments';

/** The orders domain on a real SQLite database in a temp dir, with payments faked behind its port (test support). */
export interface OrdersTestContext {
  app: TestingModule;
  orders: OrdersApi;
  payments: FakePayments;
  db: DomainDatabase;
  orderRows(): Promise<OrderEntity[]>;
  outboxRows(): Promise<OutboxEventRecord[]>;
  close(): Promise<void>;
}

const messaging: MessagingConfig = { relayEnabled: false, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 100 };

class FakePaymentsPortModule {}

/** Builds and initializes the context; close() shuts the app down and deletes the temp dir. */
export async function startOrdersContext(): Promise<OrdersTestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-core-'));
  const payments = new FakePayments();
  // What the runtime does for a hosted port: a global provider, validated like any binding.
  const paymentsPort = {
    module: FakePaymentsPortModule,
    global: true,
    providers: [{ provide: PaymentsPort.token, useValue: createLocalBinding(PaymentsPort, payments) }],
    exports: [PaymentsPort.token],
  };
  let app: TestingModule | undefined;
  try {
    app = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir }), MessagingModule.forRoot(messaging), paymentsPort, OrdersCoreModule],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
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
    db,
    orderRows: () => db.read((m) => m.find(OrderEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
