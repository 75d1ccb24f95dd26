import { CATALOG_CONSUMES } from '@foodcourt/catalog-contract';
import { IDENTITY_CONSUMES } from '@foodcourt/identity-contract';
import { NOTIFICATIONS_CONSUMES } from '@foodcourt/notifications-contract';
import { ORDERS_CONSUMES } from '@foodcourt/orders-contract';
import { PAYMENTS_CONSUMES } from '@foodcourt/payments-contract';
import { SEARCH_CONSUMES } from '@foodcourt/search-contract';

/**
 * The event types each domain's core consumes, as its contract declares them: a binary hands this
 * to messaging so that, on TCP, an event is pushed only to units hosting a domain that consumes it.
 */
export const DOMAIN_CONSUMES: Readonly<Record<string, readonly string[]>> = {
  identity: IDENTITY_CONSUMES,
  catalog: CATALOG_CONSUMES,
  search: SEARCH_CONSUMES,
  orders: ORDERS_CONSUMES,
  payments: PAYMENTS_CONSUMES,
  notifications: NOTIFICATIONS_CONSUMES,
};
