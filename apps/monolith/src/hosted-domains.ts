import type { Type } from '@nestjs/common';
import { CatalogCoreModule } from '@foodcourt/catalog-core';
import { CatalogHttpModule } from '@foodcourt/catalog-http';
import { IdentityCoreModule } from '@foodcourt/identity-core';
import { IdentityHttpModule } from '@foodcourt/identity-http';
import { NotificationsCoreModule } from '@foodcourt/notifications-core';
import { NotificationsHttpModule } from '@foodcourt/notifications-http';
import { OrdersCoreModule } from '@foodcourt/orders-core';
import { OrdersHttpModule } from '@foodcourt/orders-http';
import { PaymentsCoreModule } from '@foodcourt/payments-core';
import { PaymentsHttpModule } from '@foodcourt/payments-http';
import { SearchCoreModule } from '@foodcourt/search-core';
import { SearchHttpModule } from '@foodcourt/search-http';

/** What this binary contains for each domain: the core (hosting it) and its HTTP API. */
export const DOMAIN_MODULES: Record<string, { core: Type; http: Type }> = {
  identity: { core: IdentityCoreModule, http: IdentityHttpModule },
  catalog: { core: CatalogCoreModule, http: CatalogHttpModule },
  search: { core: SearchCoreModule, http: SearchHttpModule },
  orders: { core: OrdersCoreModule, http: OrdersHttpModule },
  payments: { core: PaymentsCoreModule, http: PaymentsHttpModule },
  notifications: { core: NotificationsCoreModule, http: NotificationsHttpModule },
};

/** Every domain a topology may name. */
export const KNOWN_DOMAINS = ['identity', 'catalog', 'search', 'orders', 'payments', 'notifications'] as const;
