import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserRegistered } from '@foodcourt/identity-contract';
import type { MailTemplateName } from '@foodcourt/notifications-contract';
import { OrderCancelled, OrderConfirmed } from '@foodcourt/orders-contract';
import { PaymentCaptured, PaymentFailed } from '@foodcourt/payments-contract';
import type { EventDefinition } from '@foodcourt/platform-kernel';
import { SubscriptionRegistry } from '@foodcourt/platform-messaging';
import { NOTIFICATIONS_DOMAIN } from '../notifications-domain';
import type { TemplatePayloads } from '../templates/template-registry';
import { MailDeliveryService } from './mail-delivery.service';

/** Registers the e-mail subscribers of notifications (names are inbox keys: never rename them lightly). */
@Injectable()
export class MailSubscribers implements OnModuleInit {
  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly mail: MailDeliveryService,
  ) {}

  onModuleInit(): void {
    this.mailOn('notifications.mail-order-confirmed', OrderConfirmed, 'order-confirmed', (p) => p.customerEmail);
    this.mailOn('notifications.mail-order-cancelled', OrderCancelled, 'order-cancelled', (p) => p.customerEmail);
    this.mailOn('notifications.mail-payment-captured', PaymentCaptured, 'payment-captured', (p) => p.receiptEmail);
    this.mailOn('notifications.mail-payment-failed', PaymentFailed, 'payment-failed', (p) => p.receiptEmail);
    this.mailOn('notifications.mail-welcome', UserRegistered, 'welcome', (p) => p.email);
  }

  /** Subscribes `name` to `event`, mailing `template` to the recipient; no recipient (a payment without receipt address): nothing sent, nothing recorded. */
  private mailOn<N extends MailTemplateName>(
    name: string,
    event: EventDefinition<TemplatePayloads[N]>,
    template: N,
    recipientOf: (payload: TemplatePayloads[N]) => string | undefined,
  ): void {
    this.registry.subscribe({
      name,
      domain: NOTIFICATIONS_DOMAIN,
      event,
      handle: async ({ id, payload }, manager) => {
        const recipient = recipientOf(payload);
        if (!recipient) return;
        await this.mail.deliver(manager, { subscriber: name, eventId: id, template, recipient, payload });
      },
    });
  }
}
