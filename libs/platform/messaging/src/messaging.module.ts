import { Global, Module, type DynamicModule } from '@nestjs/common';
import { UnitDirectory } from '@foodcourt/platform-runtime';
import { DeadLetterService } from './admin/dead-letter.service';
import { UnitsAdmin } from './admin/units-admin';
import { MessagingAdminController } from './admin/messaging-admin.controller';
import { EventPublisher } from './delivery/event-publisher';
import { EventTransport } from './delivery/event-transport';
import { InProcessEventTransport } from './delivery/in-process-event-transport';
import { InboxProcessor } from './delivery/inbox-processor';
import { UnitsEventTransport } from './delivery/units-event-transport';
import { eventTransportFor } from './delivery/event-transport-for';
import { OutboxRelay } from './delivery/outbox-relay';
import { SubscriptionRegistry } from './delivery/subscription-registry';
import { MessagingConfig, messagingConfigFromEnv } from './messaging-config';

/** Outbox, relay, inbox and dead letters for every domain this process hosts. Needs PersistenceModule.forRoot. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: MessagingConfig = messagingConfigFromEnv()): DynamicModule {
    return {
      module: MessagingModule,
      controllers: [MessagingAdminController],
      providers: [
        { provide: MessagingConfig, useValue: config },
        SubscriptionRegistry,
        InboxProcessor,
        InProcessEventTransport,
        UnitsEventTransport,
        {
          provide: EventTransport,
          useFactory: eventTransportFor,
          inject: [UnitsEventTransport, InProcessEventTransport, { token: UnitDirectory, optional: true }],
        },
        OutboxRelay,
        EventPublisher,
        DeadLetterService,
        UnitsAdmin,
      ],
      exports: [MessagingConfig, SubscriptionRegistry, EventPublisher, DeadLetterService, OutboxRelay, InboxProcessor],
    };
  }
}
