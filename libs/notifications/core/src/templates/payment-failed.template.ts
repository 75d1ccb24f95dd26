import type { PaymentFailedPayload } from '@foodcourt/payments-contract';
import { formatMoney, formatUtc } from './format';
import { html, htmlDocument } from './html';
import type { MailTemplate } from './mail-template';

const subject = (p: PaymentFailedPayload) => `Payment for order ${p.orderId} failed`;

/** Sent when the provider declined the payment of an order (only if a receipt address is known). */
export const paymentFailedTemplate: MailTemplate<PaymentFailedPayload> = {
  subject,
  text: (p) =>
    [
      `We could not take the payment of ${formatMoney(p.amount, p.currency)} for order ${p.orderId}.`,
      '',
      `Reason: ${p.reason}`,
      `When: ${formatUtc(p.failedAt)}`,
      `Payment: ${p.paymentId}`,
      '',
      'Nothing was charged. You can place the order again with another payment method.',
      '',
    ].join('\n'),
  html: (p) =>
    htmlDocument(
      subject(p),
      html`<h1>Your payment failed</h1>
<p>We could not take the payment of <strong>${formatMoney(p.amount, p.currency)}</strong> for order <strong>${p.orderId}</strong>.</p>
<p>Reason: ${p.reason}<br>When: ${formatUtc(p.failedAt)}<br>Payment reference: ${p.paymentId}</p>
<p>Nothing was charged. You can place the order again with another payment method.</p>`,
    ),
};
