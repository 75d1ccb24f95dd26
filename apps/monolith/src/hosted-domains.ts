import type { Type } from '@nestjs/common';
import { CatalogCoreModule } from '@foodcourt/catalog-core';
import { CatalogHttpModule } from '@foodcourt/catalog-http';
import { DOMAIN_CONSUMES, DOMAIN_PORTS, IdentityPortJwksSource } from '@foodcourt/contract-registry';
import { IdentityCoreModule } from '@foodcourt/identity-core';
import { IdentityHttpModule } from '@foodcourt/identity-http';
import { NotificationsCoreModule } from '@foodcourt/notifications-core';
import { NotificationsHttpModule } from '@foodcourt/notifications-http';
import { OrdersCoreModule } from '@foodcourt/orders-core';
import { OrdersHttpModule } from '@foodcourt/orders-http';
import { PaymentsCoreModule } from '@foodcourt/payments-core';
import { PaymentsHttpModule } from '@foodcourt/payments-http';
import type { UnitBinary } from '@foodcourt/platform-host';
import { SearchCoreModule } from '@foodcourt/search-core';
import { SearchHttpModule } from '@foodcourt/search-http';

/** Every domain's core: the monolith binary can host any subset its topology names. */
const CORES: Record<string, Type> = {
  identity: IdentityCoreModule,
  catalog: CatalogCoreModule,
  search: SearchCoreModule,
  orders: OrdersCoreModule,
  payments: PaymentsCoreModule,
  notifications: NotificationsCoreModule,
};

/** What this binary contains: every core, the whole HTTP API, every port and what each domain consumes. */
export const MONOLITH_BINARY: UnitBinary = {
  name: 'monolith',
  defaultUnit: 'monolith',
  cores: CORES,
  http: [IdentityHttpModule, CatalogHttpModule, SearchHttpModule, OrdersHttpModule, PaymentsHttpModule, NotificationsHttpModule],
  ports: DOMAIN_PORTS,
  consumes: DOMAIN_CONSUMES,
  remoteJwksSource: IdentityPortJwksSource,
};
