import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserRegistered } from '@foodcourt/identity-contract';
import { OrderCancelled, OrderConfirmed } from '@foodcourt/orders-contract';
import { PaymentFailed } from '@foodcourt/payments-contract';
import { SubscriptionRegistry } from '@foodcourt/platform-messaging';
import { NOTIFICATIONS_DOMAIN } from '../notifications-domain';
import { MailDeliveryService } from './mail-delivery.service';

/** Registers the e-mail subscribers of notifications (names are inbox keys: never rename them lightly). */
@Injectable()
export class MailSubscribers implements OnModuleInit {
  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly mail: MailDeliveryService,
  ) {}

  onModuleInit(): void {
    this.registry.subscribe({
      name: 'notifications.mail-order-confirmed',
      domain: NOTIFICATIONS_DOMAIN,
      event: OrderConfirmed,
      handle: ({ id, payload }, manager) =>
        this.mail.deliver(manager, { eventId: id, template: 'order-confirmed', recipient: payload.customerEmail, payload }),
    });
    this.registry.subscribe({
      name: 'notifications.mail-order-cancelled',
      domain: NOTIFICATIONS_DOMAIN,
      event: OrderCancelled,
      handle: ({ id, payload }, manager) =>
        this.mail.deliver(manager, { eventId: id, template: 'order-cancelled', recipient: payload.customerEmail, payload }),
    });
    this.registry.subscribe({
      name: 'notifications.mail-payment-failed',
      domain: NOTIFICATIONS_DOMAIN,
      event: PaymentFailed,
      handle: async ({ id, payload }, manager) => {
        if (!payload.receiptEmail) return; // nobody to tell: nothing sent, nothing recorded
        await this.mail.deliver(manager, { eventId: id, template: 'payment-failed', recipient: payload.receiptEmail, payload });
      },
    });
    this.registry.subscribe({
      name: 'notifications.mail-welcome',
      domain: NOTIFICATIONS_DOMAIN,
      event: UserRegistered,
      handle: ({ id, payload }, manager) => this.mail.deliver(manager, { eventId: id, template: 'welcome', recipient: payload.email, payload }),
    });
  }
}
