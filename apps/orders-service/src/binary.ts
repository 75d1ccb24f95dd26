import { serviceBinary } from '@foodcourt/contract-registry';
import { OrdersCoreModule } from '@foodcourt/orders-core';

/** The orders service: the orders core, everything else remote. */
export const ORDERS_SERVICE = serviceBinary('orders', OrdersCoreModule);
