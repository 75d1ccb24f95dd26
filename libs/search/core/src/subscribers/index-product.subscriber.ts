import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ProductChanged, type ProductChangedPayload } from '@foodcourt/catalog-contract';
import { SubscriptionRegistry } from '@foodcourt/platform-messaging';
import { ProductIndex } from '../index/product-index';
import type { ProductDocument } from '../index/product-document';
import { SEARCH_DOMAIN } from '../search-domain';

/** Inbox key of the subscriber that keeps the index in step with the catalog: never rename it lightly. */
export const INDEX_PRODUCT_SUBSCRIBER = 'search.index-product';

/**
 * Writes every catalog.product-changed into the index, in the inbox's transaction. An event older
 * than the state already indexed (a late or redelivered one) changes nothing.
 */
@Injectable()
export class IndexProductSubscriber implements OnModuleInit {
  private readonly logger = new Logger(IndexProductSubscriber.name);

  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly index: ProductIndex,
  ) {}

  onModuleInit(): void {
    this.registry.subscribe({
      name: INDEX_PRODUCT_SUBSCRIBER,
      domain: SEARCH_DOMAIN,
      event: ProductChanged,
      handle: async ({ id, payload }, manager) => {
        if (!(await this.index.put(manager, documentOf(payload)))) {
          this.logger.debug(`event ${id}: ${payload.sku} version ${payload.version} is not newer than the indexed state, ignored`);
        }
      },
    });
  }
}

function documentOf(payload: ProductChangedPayload): ProductDocument {
  const { sku, name, description, price, currency, stock, version, changedAt } = payload;
  return { sku, name, description, price, currency, stock, version, changedAt };
}
