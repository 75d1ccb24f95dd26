import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { callerInput, type Caller } from '@foodcourt/platform-kernel';
import { CurrentCaller } from '@foodcourt/platform-auth';
import { uuidParam } from '@foodcourt/platform-http';
import { CheckoutRequest, ListOrdersQuery, ORDERS_API, OrderList, OrderView, type OrdersApi } from '@foodcourt/orders-contract';
import { idempotencyKeyFrom } from './idempotency-key';

/** Checkout and order history over HTTP, for the caller the access token names; talks to the orders port only. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(@Inject(ORDERS_API) private readonly orders: OrdersApi) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Place an order at catalog prices, reserve its stock and pay for it' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the same order and never charges twice' })
  @ApiCreatedResponse({ type: OrderView, description: 'The order, CONFIRMED' })
  @ApiResponse({ status: 402, description: 'Payment declined (code PAYMENT_DECLINED); the order is PAYMENT_FAILED and its stock released' })
  @ApiResponse({ status: 404, description: 'A sku is not in the catalog (code PRODUCT_NOT_FOUND)' })
  @ApiConflictResponse({ description: 'Not enough stock (INSUFFICIENT_STOCK; nothing charged) or the Idempotency-Key was used for a different checkout' })
  checkout(@Body() body: CheckoutRequest, @CurrentCaller() caller: Caller, @Headers('idempotency-key') key?: string): Promise<OrderView> {
    return this.orders.checkout({ ...body, caller: callerInput(caller), idempotencyKey: idempotencyKeyFrom(key) });
  }

  @Get()
  @ApiOperation({ summary: 'Your orders, newest first (admins: everyone\'s, or one customer\'s)' })
  @ApiOkResponse({ type: OrderList })
  list(@Query() query: ListOrdersQuery, @CurrentCaller() caller: Caller): Promise<OrderList> {
    return this.orders.list({ ...query, caller: callerInput(caller) });
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderView })
  @ApiResponse({ status: 404, description: 'No such order, or not yours (code ORDER_NOT_FOUND)' })
  get(@Param('id', uuidParam('id')) orderId: string, @CurrentCaller() caller: Caller): Promise<OrderView> {
    return this.orders.get({ orderId, caller: callerInput(caller) });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a confirmed order: refund it and give its stock back' })
  @ApiOkResponse({ type: OrderView })
  cancel(@Param('id', uuidParam('id')) orderId: string, @CurrentCaller() caller: Caller): Promise<OrderView> {
    return this.orders.cancel({ orderId, caller: callerInput(caller) });
  }
}
