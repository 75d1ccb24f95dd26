import { Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { bindLocalPort } from '@foodcourt/platform-ports';
import { OrdersPort } from '@foodcourt/orders-contract';
import { CreateOrderTables1764000000300 } from './create-order-tables.migration';
import { OrderEntity } from './order.entity';
import { OrderLifecycle } from './order-lifecycle';
import { OrderRecovery } from './order-recovery';
import { OrdersConfig, ordersConfigFromEnv } from './orders-config';
import { OrdersService } from './orders.service';

/** The orders domain hosted in this process: its database, its service, the recovery sweep, its port bound locally. */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: 'orders',
      entities: [OrderEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreateOrderTables1764000000300],
    }),
  ],
  providers: [
    { provide: OrdersConfig, useFactory: () => ordersConfigFromEnv() },
    OrderLifecycle,
    OrderRecovery,
    OrdersService,
    bindLocalPort(OrdersPort, OrdersService),
  ],
  exports: [OrdersPort.token],
})
export class OrdersCoreModule {}
