import 'reflect-metadata';
import type { TestingModule } from '@nestjs/testing';
import { CATALOG_API, CatalogPort, ProductChanged, type ProductChangedPayload } from '@foodcourt/catalog-contract';
import { FakeCatalog } from '@foodcourt/catalog-contract/testing';
import { EventPublisher, InboxMessageRecord, SubscriptionRegistry } from '@foodcourt/platform-messaging';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { createLocalBinding } from '@foodcourt/platform-kernel';
import { startDomainTestApp, waitFor, type DomainTestApp } from '@foodcourt/platform-testing';
import { SEARCH_API, type SearchApi } from '@foodcourt/search-contract';
import { SearchProductEntity } from '../persistence/search-product.entity';
import { SearchCoreModule } from '../search-core.module';
import { INDEX_PRODUCT_SUBSCRIBER } from '../subscribers/index-product.subscriber';

/**
 * A search core on a real database (SQLite in a fresh temp dir unless `databaseUrl` names a
 * PostgreSQL database), with the shared FakeCatalog (empty until a test puts products) bound under CATALOG_API.
 */
export class SearchTestApp {
  private constructor(
    private readonly started: DomainTestApp,
    readonly catalog: FakeCatalog,
  ) {}

  static async start(databaseUrl?: string): Promise<SearchTestApp> {
    const catalog = new FakeCatalog();
    const started = await startDomainTestApp({
      imports: [SearchCoreModule],
      // The app binds the other domain's port globally; here a validating local binding of the fake does.
      providers: [{ provide: CATALOG_API, useValue: createLocalBinding(CatalogPort, catalog) }],
      database: databaseUrl ? { driver: 'postgres', databaseUrl } : undefined,
      tempDirPrefix: 'search-core-',
    });
    return new SearchTestApp(started, catalog);
  }

  get app(): TestingModule {
    return this.started.app;
  }

  get database(): DomainDatabase {
    return this.started.database('search');
  }

  get search(): SearchApi {
    return this.app.get<SearchApi>(SEARCH_API);
  }

  /** Writes ProductChanged into the search database's own outbox; the relay delivers it to the subscriber. */
  publish(payload: ProductChangedPayload): Promise<string> {
    return this.database.transaction((m) => this.app.get(EventPublisher).publish(m, ProductChanged, payload));
  }

  /** Publishes each payload and waits until the subscriber has handled all of them. */
  async deliver(...payloads: ProductChangedPayload[]): Promise<void> {
    const ids: string[] = [];
    for (const payload of payloads) ids.push(await this.publish(payload));
    await this.handled(...ids);
  }

  /** Waits until the subscriber's inbox rows of these events are done. */
  async handled(...eventIds: string[]): Promise<void> {
    await waitFor(
      () => this.database.read((m) => m.countBy(InboxMessageRecord, eventIds.map((eventId) => ({ eventId, status: 'done' })))),
      (done) => done === eventIds.length,
      { what: `${eventIds.length} event(s) handled by ${INDEX_PRODUCT_SUBSCRIBER}`, timeoutMs: 5_000 },
    );
  }

  /** Runs the subscriber's handler directly in a transaction of the search database (no outbox, no inbox). */
  handle(...payloads: ProductChangedPayload[]): Promise<void> {
    const subscription = this.app.get(SubscriptionRegistry).byNameOf(INDEX_PRODUCT_SUBSCRIBER)!;
    return this.database.transaction(async (manager) => {
      for (const [i, payload] of payloads.entries()) {
        await subscription.handle({ id: `direct-${i}`, type: ProductChanged.type, occurredAt: new Date(), payload }, manager);
      }
    });
  }

  rows(): Promise<SearchProductEntity[]> {
    return this.database.read((m) => m.find(SearchProductEntity, { order: { sku: 'ASC' } }));
  }

  /** The FTS5 rows, to check they mirror search_product (SQLite only). */
  ftsRows(): Promise<Array<{ sku: string; name: string; description: string }>> {
    return this.database.read((m) => m.query('SELECT sku, name, description FROM search_product_fts ORDER BY sku'));
  }

  close(): Promise<void> {
    return this.started.close();
  }
}
