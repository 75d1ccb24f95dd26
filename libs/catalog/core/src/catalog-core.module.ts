import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { bindLocalPort } from '@foodcourt/platform-ports';
import { CatalogPort } from '@foodcourt/catalog-contract';
import { CreateCatalogTables1764000000400 } from './persistence/create-catalog-tables.migration';
import { ProductEntity } from './persistence/product.entity';
import { StockReservationEntity } from './persistence/stock-reservation.entity';
import { CatalogService } from './service/catalog.service';

/**
 * The catalog domain hosted in this process: its database (products, stock reservations, outbox)
 * and the local binding of CatalogPort. Needs PersistenceModule.forRoot and MessagingModule.forRoot
 * in the application.
 */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: 'catalog',
      entities: [ProductEntity, StockReservationEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreateCatalogTables1764000000400],
    }),
  ],
  providers: [CatalogService, bindLocalPort(CatalogPort, CatalogService)],
  exports: [CatalogPort.token],
})
export class CatalogCoreModule {}
