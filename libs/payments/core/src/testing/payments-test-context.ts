import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { MessagingModule, OutboxEventRecord, type MessagingConfig } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
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

const messaging: MessagingConfig = { relayEnabled: false, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 100 };

/** Builds and initializes the context; close() shuts the app down and deletes the temp dir. */
export async function startPaymentsContext(): Promise<PaymentsTestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payments-core-'));
  let app: TestingModule | undefined;
  try {
    app = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir }), MessagingModule.forRoot(messaging), PaymentsCoreModule],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    await app.init();
  } catch (error) {
    await app?.close();
    // A failed compile does not wait for sibling factories: let the database open finish before deleting its dir.
    await new Promise((resolve) => setTimeout(resolve, 100));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const db = app.get<DomainDatabase>(domainDatabaseToken('payments'));
  return {
    app,
    payments: app.get<PaymentsApi>(PaymentsPort.token),
    provider: app.get<PaymentProvider>(PAYMENT_PROVIDER),
    db,
    paymentRows: () => db.read((m) => m.find(PaymentEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
