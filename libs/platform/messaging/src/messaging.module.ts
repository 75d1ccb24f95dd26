import { Global, Module, type DynamicModule } from '@nestjs/common';
import { UnitEvents, type EventInterestByDomain } from '@foodcourt/platform-ports';
import { EventTransport } from '@foodcourt/platform-wire';
import { DeadLetterService } from './admin/dead-letter.service';
import { UnitsAdmin } from './admin/units-admin';
import { MessagingAdminController } from './admin/messaging-admin.controller';
import { EventPublisher } from './delivery/event-publisher';
import { InProcessEventTransport } from './delivery/in-process-event-transport';
import { InboxProcessor } from './delivery/inbox-processor';
import { OutboxRelay } from './delivery/outbox-relay';
import { SubscriptionRegistry } from './delivery/subscription-registry';
import { MessagingConfig, messagingConfigFromEnv } from './messaging-config';
import { MessagingGauges } from './metrics/messaging-gauges';

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
    return {
      module: MessagingModule,
      controllers: [MessagingAdminController],
      providers: [
        { provide: MessagingConfig, useValue: config },
        SubscriptionRegistry,
        InboxProcessor,
        InProcessEventTransport,
        {
          // In-process when this unit is alone (or no RemotePortsModule); else its transport's event carrier.
          provide: EventTransport,
          useFactory: (local: InProcessEventTransport, units?: UnitEvents) => units?.transport(local, options.eventInterest) ?? local,
          inject: [InProcessEventTransport, { token: UnitEvents, optional: true }],
        },
        OutboxRelay,
        EventPublisher,
        DeadLetterService,
        UnitsAdmin,
        MessagingGauges,
      ],
      exports: [MessagingConfig, SubscriptionRegistry, EventPublisher, DeadLetterService, OutboxRelay, InboxProcessor],
    };
  }
}
