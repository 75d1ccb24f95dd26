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
import { PEER_EVENT_INTEREST, type EventInterestByDomain } from './delivery/peer-event-interest';
import { MessagingConfig, messagingConfigFromEnv } from './messaging-config';

/** What a binary knows about the domains of the whole topology, beyond the env-built MessagingConfig. */
export interface MessagingOptions {
  /** What each domain consumes (contract-registry's DOMAIN_CONSUMES); absent, the TCP relay sends every unit every event. */
  eventInterest?: EventInterestByDomain;
}

/** Outbox, relay, inbox and dead letters for every domain this process hosts. Needs PersistenceModule.forRoot. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: MessagingConfig = messagingConfigFromEnv(), options: MessagingOptions = {}): DynamicModule {
    const interest = options.eventInterest ? [{ provide: PEER_EVENT_INTEREST, useValue: options.eventInterest }] : [];
    return {
      module: MessagingModule,
      controllers: [MessagingAdminController],
      providers: [
        { provide: MessagingConfig, useValue: config },
        ...interest,
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
