import type { OrderConfirmedPayload } from '@foodcourt/orders-contract';
import { formatMoney, formatUtc } from './format';
import { html, htmlDocument } from './html';
import type { MailTemplate } from './mail-template';

const subject = (p: OrderConfirmedPayload) => `Your order ${p.orderId} is confirmed`;
const lineTotal = (unitPrice: number, quantity: number, currency: string) => formatMoney(unitPrice * quantity, currency);

/** Sent when an order was paid and confirmed. */
export const orderConfirmedTemplate: MailTemplate<OrderConfirmedPayload> = {
  subject,
  text: (p) =>
    [
      'Thank you for your order.',
      '',
      `Order: ${p.orderId}`,
      `Confirmed: ${formatUtc(p.confirmedAt)}`,
      '',
      ...p.lines.map((l) => `  ${l.quantity} x ${l.sku} @ ${formatMoney(l.unitPrice, p.currency)} = ${lineTotal(l.unitPrice, l.quantity, p.currency)}`),
      '',
      `Total: ${formatMoney(p.total, p.currency)}`,
      `Payment: ${p.paymentId}`,
      '',
    ].join('\n'),
  html: (p) =>
    htmlDocument(
      subject(p),
      html`<h1>Thank you for your order</h1>
<p>Order <strong>${p.orderId}</strong> was confirmed on ${formatUtc(p.confirmedAt)}.</p>
<table cellpadding="4">
<tr><th align="left">Item</th><th align="right">Qty</th><th align="right">Unit price</th><th align="right">Amount</th></tr>
${p.lines.map(
  (l) =>
    html`<tr><td>${l.sku}</td><td align="right">${l.quantity}</td><td align="right">${formatMoney(l.unitPrice, p.currency)}</td><td align="right">${lineTotal(l.unitPrice, l.quantity, p.currency)}</td></tr>
`,
)}<tr><td colspan="3"><strong>Total</strong></td><td align="right"><strong>${formatMoney(p.total, p.currency)}</strong></td></tr>
</table>
<p>Payment reference: ${p.paymentId}</p>`,
    ),
};
