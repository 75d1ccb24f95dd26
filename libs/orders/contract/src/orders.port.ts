import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import { CancelOrderInput, CheckoutInput, GetOrderInput, ListOrdersInput, OrderList, OrderView } from './order.dto';

/** The orders domain's synchronous API. */
export const OrdersPort = definePort('orders', {
  checkout: portMethod({ input: CheckoutInput, output: OrderView, idempotent: true, timeoutMs: 15_000 }),
  get: portMethod({ input: GetOrderInput, output: OrderView, idempotent: true, timeoutMs: 2_000 }),
  list: portMethod({ input: ListOrdersInput, output: OrderList, idempotent: true, timeoutMs: 2_000 }),
  cancel: portMethod({ input: CancelOrderInput, output: OrderView, idempotent: true, timeoutMs: 15_000 }),
});

export type OrdersApi = PortApi<typeof OrdersPort>;
/** DI token of the orders port. */
export const ORDERS_API = OrdersPort.token;
