import { Module } from '@nestjs/common';
import { NotificationsPort } from '@foodcourt/notifications-contract';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { bindLocalPort } from '@foodcourt/platform-ports';
import { CreateNotificationTables1764000000200 } from './deliveries/create-notification-tables.migration';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { DeliveryOutboxColumns1764000000201 } from './deliveries/delivery-outbox-columns.migration';
import { DeliveryTraceContext1765000000200 } from './deliveries/delivery-trace-context.migration';
import { MailConfig, mailConfigFromEnv } from './mail/mail-config';
import { Mailer } from './mail/mailer';
import { NotificationsService } from './notifications.service';
import { DeliveryFailures } from './sending/delivery-failures';
import { MailDispatcher } from './sending/mail-dispatcher';
import { MailDeliveryService } from './subscribers/mail-delivery.service';
import { NOTIFICATIONS_DOMAIN } from './notifications-domain';
import { MailSubscribers } from './subscribers/mail-subscribers';

/**
 * The notifications domain: its database, the e-mail subscribers, the dispatcher that sends what
 * they record, and the port. Needs the app to import PersistenceModule.forRoot and
 * MessagingModule.forRoot; mail settings come from the environment.
 */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: NOTIFICATIONS_DOMAIN,
      entities: [DeliveryEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreateNotificationTables1764000000200, DeliveryOutboxColumns1764000000201, DeliveryTraceContext1765000000200],
    }),
  ],
  providers: [
    { provide: MailConfig, useFactory: () => mailConfigFromEnv() },
    Mailer,
    DeliveryFailures,
    MailDispatcher,
    MailDeliveryService,
    MailSubscribers,
    NotificationsService,
    bindLocalPort(NotificationsPort, NotificationsService),
  ],
  exports: [NotificationsPort.token],
})
export class NotificationsCoreModule {}
