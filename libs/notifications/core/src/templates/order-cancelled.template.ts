import type { OrderCancelledPayload } from '@foodcourt/orders-contract';
import { formatMoney, formatUtc } from './format';
import { html, htmlDocument } from './html';
import type { MailTemplate } from './mail-template';

const subject = (p: OrderCancelledPayload) => `Your order ${p.orderId} was cancelled`;

/** Sent when a confirmed order was cancelled and its payment refunded. */
export const orderCancelledTemplate: MailTemplate<OrderCancelledPayload> = {
  subject,
  text: (p) =>
    [
      `Your order ${p.orderId} was cancelled on ${formatUtc(p.cancelledAt)}.`,
      '',
      `Refunded: ${formatMoney(p.total, p.currency)}`,
      `Payment: ${p.paymentId}`,
      '',
    ].join('\n'),
  html: (p) =>
    htmlDocument(
      subject(p),
      html`<h1>Your order was cancelled</h1>
<p>Order <strong>${p.orderId}</strong> was cancelled on ${formatUtc(p.cancelledAt)}.</p>
<p>Refunded: <strong>${formatMoney(p.total, p.currency)}</strong></p>
<p>Payment reference: ${p.paymentId}</p>`,
    ),
};
