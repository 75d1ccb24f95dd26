import { CatalogPort } from '@foodcourt/catalog-contract';
import { IdentityPort } from '@foodcourt/identity-contract';
import { NotificationsPort } from '@foodcourt/notifications-contract';
import { OrdersPort } from '@foodcourt/orders-contract';
import { PaymentsPort } from '@foodcourt/payments-contract';
import type { PortDefinition } from '@foodcourt/platform-kernel';
import { SearchPort } from '@foodcourt/search-contract';


/** Every domain's port declaration: what a binary needs to bind any domain it does not host remotely. */
export const DOMAIN_PORTS: Readonly<Record<string, PortDefinition>> = {
  identity: IdentityPort,
  catalog: CatalogPort,
  search: SearchPort,
  orders: OrdersPort,
  payments: PaymentsPort,
  notifications: NotificationsPort,
};

/** Every domain a topology may name. */
export const KNOWN_DOMAINS: readonly string[] = Object.keys(DOMAIN_PORTS);
