import type { UserRegisteredPayload } from '@foodcourt/identity-contract';
import type { MailTemplateName } from '@foodcourt/notifications-contract';
import type { OrderCancelledPayload, OrderConfirmedPayload } from '@foodcourt/orders-contract';
import type { PaymentCapturedPayload, PaymentFailedPayload } from '@foodcourt/payments-contract';
import type { MailTemplate, RenderedMail } from './mail-template';
import { orderCancelledTemplate } from './order-cancelled.template';
import { orderConfirmedTemplate } from './order-confirmed.template';
import { paymentCapturedTemplate } from './payment-captured.template';
import { paymentFailedTemplate } from './payment-failed.template';
import { welcomeTemplate } from './welcome.template';

/** The payload each template renders. */
export interface TemplatePayloads {
  'order-confirmed': OrderConfirmedPayload;
  'order-cancelled': OrderCancelledPayload;
  'payment-captured': PaymentCapturedPayload;
  'payment-failed': PaymentFailedPayload;
  'welcome': UserRegisteredPayload;
}

/** Every template by name; the type keeps it complete when a name is added to the contract. */
export const MAIL_TEMPLATE_REGISTRY: { [N in MailTemplateName]: MailTemplate<TemplatePayloads[N]> } = {
  'order-confirmed': orderConfirmedTemplate,
  'order-cancelled': orderCancelledTemplate,
  'payment-captured': paymentCapturedTemplate,
  'payment-failed': paymentFailedTemplate,
  'welcome': welcomeTemplate,
};

/** Renders the subject and both bodies of template `name` for `payload`. */
export function renderMail<N extends MailTemplateName>(name: N, payload: TemplatePayloads[N]): RenderedMail {
  const template = MAIL_TEMPLATE_REGISTRY[name] as MailTemplate<TemplatePayloads[N]>;
  return { subject: template.subject(payload), text: template.text(payload), html: template.html(payload) };
}
