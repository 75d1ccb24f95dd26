import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { MessagingModule, OutboxEventRecord, type MessagingConfig } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
import { CatalogPort, type CatalogApi } from '@foodcourt/catalog-contract';
import { CatalogCoreModule } from '../catalog-core.module';
import { ProductEntity } from '../persistence/product.entity';
import { StockReservationEntity } from '../persistence/stock-reservation.entity';

/** A catalog domain on a real SQLite database in a temp dir, reached through its port (test support). */
export interface CatalogTestContext {
  app: TestingModule;
  catalog: CatalogApi;
  db: DomainDatabase;
  productRows(): Promise<ProductEntity[]>;
  reservationRows(): Promise<StockReservationEntity[]>;
  outboxRows(): Promise<OutboxEventRecord[]>;
  close(): Promise<void>;
}

const messaging: MessagingConfig = { relayEnabled: false, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 100 };

/** Builds and initializes the context; close() shuts the app down and deletes the temp dir. */
export async function startCatalogContext(): Promise<CatalogTestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'catalog-core-'));
  let app: TestingModule | undefined;
  try {
    app = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir }), MessagingModule.forRoot(messaging), CatalogCoreModule],
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
  const db = app.get<DomainDatabase>(domainDatabaseToken('catalog'));
  return {
    app,
    catalog: app.get<CatalogApi>(CatalogPort.token),
    db,
    productRows: () => db.read((m) => m.find(ProductEntity, { order: { sku: 'ASC' } })),
    reservationRows: () => db.read((m) => m.find(StockReservationEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
