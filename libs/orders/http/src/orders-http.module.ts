import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';

/** The orders HTTP API; needs ORDERS_API bound (locally or remotely) by the app. */
@Module({ controllers: [OrdersController] })
export class OrdersHttpModule {}
