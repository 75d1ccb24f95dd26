import type { OrderView } from '@foodcourt/orders-contract';
import type { OrderEntity } from './order.entity';

/** The caller's view of a stored order. */
export function toOrderView(order: OrderEntity): OrderView {
  const view: OrderView = {
    id: order.id,
    status: order.status,
    customerId: order.customerId,
    customerEmail: order.customerEmail,
    currency: order.currency,
    total: order.total,
    lines: order.lines.map((line) => ({ ...line, lineTotal: line.quantity * line.unitPrice })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
  if (order.paymentId) view.paymentId = order.paymentId;
  if (order.failureReason) view.failureReason = order.failureReason;
  return view;
}
