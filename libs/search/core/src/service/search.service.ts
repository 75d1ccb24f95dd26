import { Inject, Injectable, Logger } from '@nestjs/common';
import { CATALOG_API, type CatalogApi, type ProductView } from '@foodcourt/catalog-contract';
import { InjectDomainDatabase, type DomainDatabase } from '@foodcourt/platform-persistence';
import {
  DEFAULT_REBUILD_PAGE,
  DEFAULT_SEARCH_PAGE,
  RebuildResult,
  SearchHit,
  SearchResult,
  type RebuildIndexInput,
  type SearchApi,
  type SearchProductsInput,
} from '@foodcourt/search-contract';
import { ProductIndex } from '../index/product-index';
import type { IndexHit, ProductDocument } from '../index/product-document';
import { queryWords } from '../index/query-words';
import { SEARCH_DOMAIN } from '../search-domain';

/** The search port, in process: queries the index and rebuilds it from the catalog. */
@Injectable()
export class SearchService implements SearchApi {
  private readonly logger = new Logger(SearchService.name);
  // One rebuild at a time in this process: a second one starts when the first has finished.
  private rebuilding: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDomainDatabase(SEARCH_DOMAIN) private readonly database: DomainDatabase,
    private readonly index: ProductIndex,
    @Inject(CATALOG_API) private readonly catalog: CatalogApi,
  ) {}

  async search(input: SearchProductsInput): Promise<SearchResult> {
    const words = input.q === undefined ? undefined : queryWords(input.q);
    // Text without a single word (only quotes, stars, punctuation…) can match nothing.
    if (words !== undefined && words.length === 0) return result([], 0);
    const { hits, total } = await this.database.read((manager) =>
      this.index.search(manager, {
        words,
        minPrice: input.minPrice,
        maxPrice: input.maxPrice,
        inStock: input.inStock,
        limit: input.limit ?? DEFAULT_SEARCH_PAGE,
        offset: input.offset ?? 0,
      }),
    );
    return result(hits, total);
  }

  /**
   * Empties the index, then reads the catalog page by page and indexes each page in its own
   * transaction. Events keep being applied meanwhile; a state they wrote is never replaced by
   * an older one from the catalog (see ProductIndex.put), so the index converges either way.
   */
  rebuild(input: RebuildIndexInput): Promise<RebuildResult> {
    const run = this.rebuilding.then(() => this.rebuildNow(input.pageSize ?? DEFAULT_REBUILD_PAGE));
    this.rebuilding = run.catch(() => undefined);
    return run;
  }

  private async rebuildNow(pageSize: number): Promise<RebuildResult> {
    const started = Date.now();
    await this.database.transaction((manager) => this.index.clear(manager));
    const seen = new Set<string>();
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.catalog.list({ limit: pageSize, offset });
      if (page.items.length > 0) {
        await this.database.transaction(async (manager) => {
          for (const product of page.items) await this.index.put(manager, documentOf(product));
        });
      }
      for (const product of page.items) seen.add(product.sku);
      if (page.items.length < pageSize || offset + page.items.length >= page.total) break;
    }
    this.logger.log(`index rebuilt from the catalog: ${seen.size} products in ${Date.now() - started} ms`);
    return Object.assign(new RebuildResult(), { indexed: seen.size });
  }
}

function result(hits: IndexHit[], total: number): SearchResult {
  return Object.assign(new SearchResult(), { items: hits.map((hit) => Object.assign(new SearchHit(), hit)), total });
}

// The catalog's list has no version: 0 marks it unknown, and the update time orders it against events.
function documentOf(product: ProductView): ProductDocument {
  const { sku, name, description, price, currency, stock, updatedAt } = product;
  return { sku, name, description, price, currency, stock, version: 0, changedAt: updatedAt };
}
