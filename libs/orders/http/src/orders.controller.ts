import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@foodcourt/platform-runtime';
import { CheckoutRequest, ListOrdersInput, ORDERS_API, OrderList, OrderView, type OrdersApi } from '@foodcourt/orders-contract';
import { idempotencyKeyFrom } from './idempotency-key';

/** Checkout and order history over HTTP; talks to the orders port only. */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(@Inject(ORDERS_API) private readonly orders: OrdersApi) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Place an order and pay for it' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the same order and never charges twice' })
  @ApiCreatedResponse({ type: OrderView, description: 'The order, CONFIRMED' })
  @ApiResponse({ status: 402, description: 'Payment declined (code PAYMENT_DECLINED); the order is PAYMENT_FAILED' })
  @ApiConflictResponse({ description: 'The Idempotency-Key was used for a different checkout' })
  checkout(@Body() body: CheckoutRequest, @Headers('idempotency-key') key?: string): Promise<OrderView> {
    return this.orders.checkout({ ...body, idempotencyKey: idempotencyKeyFrom(key) });
  }

  @Get()
  @ApiOperation({ summary: 'Orders, newest first, optionally for one customer' })
  @ApiOkResponse({ type: OrderList })
  list(@Query() query: ListOrdersInput): Promise<OrderList> {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderView })
  get(@Param('id', uuidParam('id')) orderId: string): Promise<OrderView> {
    return this.orders.get({ orderId });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a confirmed order and refund it' })
  @ApiOkResponse({ type: OrderView })
  cancel(@Param('id', uuidParam('id')) orderId: string): Promise<OrderView> {
    return this.orders.cancel({ orderId });
  }
}
