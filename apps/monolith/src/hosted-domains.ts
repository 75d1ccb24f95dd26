import type { Type } from '@nestjs/common';
import { NotificationsCoreModule } from '@foodcourt/notifications-core';
import { NotificationsHttpModule } from '@foodcourt/notifications-http';
import { OrdersCoreModule } from '@foodcourt/orders-core';
import { OrdersHttpModule } from '@foodcourt/orders-http';
import { PaymentsCoreModule } from '@foodcourt/payments-core';
import { PaymentsHttpModule } from '@foodcourt/payments-http';

/** What this binary contains for each domain: the core (hosting it) and its HTTP API. */
export const DOMAIN_MODULES: Record<string, { core: Type; http: Type }> = {
  orders: { core: OrdersCoreModule, http: OrdersHttpModule },
  payments: { core: PaymentsCoreModule, http: PaymentsHttpModule },
  notifications: { core: NotificationsCoreModule, http: NotificationsHttpModule },
};

/** Every domain a topology may name. */
export const KNOWN_DOMAINS = ['orders', 'payments', 'notifications'] as const;
