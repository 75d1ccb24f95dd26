import type { TestingModule } from '@nestjs/testing';
import { OutboxEventRecord } from '@foodcourt/platform-messaging';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { startDomainTestApp } from '@foodcourt/platform-testing';
import { PaymentsPort, type PaymentsApi } from '@foodcourt/payments-contract';
import { PaymentsCoreModule } from '../payments-core.module';
import { PaymentEntity } from '../persistence/payment.entity';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../provider/payment-provider';

/** A payments domain on a real SQLite database in a temp dir, reached through its port (test support). */
export interface PaymentsTestContext {
  app: TestingModule;
  payments: PaymentsApi;
  provider: PaymentProvider;
  db: DomainDatabase;
  paymentRows(): Promise<PaymentEntity[]>;
  outboxRows(): Promise<OutboxEventRecord[]>;
  close(): Promise<void>;
}

/** Builds and initializes the context (relay off: events stay in the outbox); close() shuts the app down and deletes the temp dir. */
export async function startPaymentsContext(): Promise<PaymentsTestContext> {
  const { app, database, close } = await startDomainTestApp({
    imports: [PaymentsCoreModule],
    messaging: { relayEnabled: false, pollIntervalMs: 50, retryMaxMs: 100 },
    tempDirPrefix: 'payments-core-',
  });
  const db = database('payments');
  return {
    app,
    payments: app.get<PaymentsApi>(PaymentsPort.token),
    provider: app.get<PaymentProvider>(PAYMENT_PROVIDER),
    db,
    paymentRows: () => db.read((m) => m.find(PaymentEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close,
  };
}
