import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { bindLocalPort } from '@foodcourt/platform-ports';
import { SearchPort } from '@foodcourt/search-contract';
import { ProductIndex } from './index/product-index';
import { CreateSearchTables1764000000500 } from './persistence/create-search-tables.migration';
import { CreateSearchTextIndex1764000000501 } from './persistence/create-search-text-index.migration';
import { SearchProductEntity } from './persistence/search-product.entity';
import { SEARCH_DOMAIN } from './search-domain';
import { SearchService } from './service/search.service';
import { IndexProductSubscriber } from './subscribers/index-product.subscriber';

/**
 * The search domain: its own database with the product index, the subscriber that keeps it in
 * step with catalog.product-changed, and the port. Needs the app to import PersistenceModule.forRoot
 * and MessagingModule.forRoot, and to provide CATALOG_API (used by rebuild) globally.
 */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: SEARCH_DOMAIN,
      entities: [SearchProductEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreateSearchTables1764000000500, CreateSearchTextIndex1764000000501],
    }),
  ],
  providers: [ProductIndex, IndexProductSubscriber, SearchService, bindLocalPort(SearchPort, SearchService)],
  exports: [SearchPort.token],
})
export class SearchCoreModule {}
