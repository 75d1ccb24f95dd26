import { CatalogHttpModule } from '@foodcourt/catalog-http';
import { gatewayBinary } from '@foodcourt/contract-registry';
import { IdentityHttpModule } from '@foodcourt/identity-http';
import { NotificationsHttpModule } from '@foodcourt/notifications-http';
import { OrdersHttpModule } from '@foodcourt/orders-http';
import { PaymentsHttpModule } from '@foodcourt/payments-http';
import { SearchHttpModule } from '@foodcourt/search-http';

/** The gateway: the whole HTTP API, no domain hosted; tokens verified here, calls sent to the units. */
export const GATEWAY = gatewayBinary([IdentityHttpModule, CatalogHttpModule, SearchHttpModule, OrdersHttpModule, PaymentsHttpModule, NotificationsHttpModule]);
