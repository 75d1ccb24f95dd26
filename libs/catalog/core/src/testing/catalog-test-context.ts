import type { TestingModule } from '@nestjs/testing';
import { OutboxEventRecord } from '@foodcourt/platform-messaging';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { startDomainTestApp } from '@foodcourt/platform-testing';
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

/** Builds and initializes the context (relay off: events stay in the outbox); close() shuts the app down and deletes the temp dir. */
export async function startCatalogContext(): Promise<CatalogTestContext> {
  const { app, database, close } = await startDomainTestApp({
    imports: [CatalogCoreModule],
    messaging: { relayEnabled: false, pollIntervalMs: 50, retryMaxMs: 100 },
    tempDirPrefix: 'catalog-core-',
  });
  const db = database('catalog');
  return {
    app,
    catalog: app.get<CatalogApi>(CatalogPort.token),
    db,
    productRows: () => db.read((m) => m.find(ProductEntity, { order: { sku: 'ASC' } })),
    reservationRows: () => db.read((m) => m.find(StockReservationEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close,
  };
}
