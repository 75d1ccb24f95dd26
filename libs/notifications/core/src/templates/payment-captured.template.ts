import type { PaymentCapturedPayload } from '@foodcourt/payments-contract';
import { formatMoney, formatUtc } from './format';
import { html, htmlDocument } from './html';
import type { MailTemplate } from './mail-template';

const subject = (p: PaymentCapturedPayload) => `Receipt for your payment for order ${p.orderId}`;

/** The receipt, sent when money was taken for an order (only if a receipt address is known). */
export const paymentCapturedTemplate: MailTemplate<PaymentCapturedPayload> = {
  subject,
  text: (p) =>
    [
      `We received your payment of ${formatMoney(p.amount, p.currency)} for order ${p.orderId}.`,
      '',
      `Paid: ${formatMoney(p.amount, p.currency)}`,
      `When: ${formatUtc(p.capturedAt)}`,
      `Payment: ${p.paymentId}`,
      '',
      'Keep this e-mail as your receipt.',
      '',
    ].join('\n'),
  html: (p) =>
    htmlDocument(
      subject(p),
      html`<h1>Thank you for your payment</h1>
<p>We received your payment of <strong>${formatMoney(p.amount, p.currency)}</strong> for order <strong>${p.orderId}</strong>.</p>
<p>When: ${formatUtc(p.capturedAt)}<br>Payment reference: ${p.paymentId}</p>
<p>Keep this e-mail as your receipt.</p>`,
    ),
};
