import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { acceptBrokerMessage, EventTransport, toBrokerMessage, type OutgoingEvent, type UnitEventContext } from '@foodcourt/platform-wire';
import type { NatsEndpoint } from './nats-endpoint';

const RETENTION_NS = 7 * 24 * 3_600 * 1_000_000_000; // a week: a unit down longer than that loses events
const DEDUPE_WINDOW_NS = 2 * 60 * 1_000_000_000;

/**
 * Events over NATS JetStream. The relay publishes each outbox event to the stream
 * `<namespace>_events` (the publish is acknowledged once stored: only then is the outbox row
 * marked published); every unit hosting a domain has a durable consumer of that stream with
 * explicit acks, created by whichever unit starts first, so an event published while a unit is
 * down waits in the stream. A unit acks a message after writing its inbox rows (deduped).
 */
export class JetStreamEventTransport extends EventTransport implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JetStreamEvents');
  private connection: NatsConnection | undefined;
  private client: JetStreamClient | undefined;
  private messages: ConsumerMessages | undefined;
  private consuming: Promise<void> | undefined;

  constructor(private readonly context: UnitEventContext<NatsEndpoint>) {
    super();
  }

  private get namespace(): string {
    return this.context.endpoint.namespace;
  }

  private get stream(): string {
    return `${this.namespace}_events`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await connect({ servers: this.context.endpoint.url, name: `foodcourt-${this.context.self}-events`, maxReconnectAttempts: -1 });
    const manager = await jetstreamManager(this.connection);
    await manager.streams
      .add({
        name: this.stream,
        subjects: [`${this.namespace}.events.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        max_age: RETENTION_NS,
        duplicate_window: DEDUPE_WINDOW_NS,
      })
      .catch((error: Error) => {
        if (!/already in use/i.test(error.message)) throw error;
      });
    for (const unit of this.context.consumers) {
      await manager.consumers.add(this.stream, {
        durable_name: unit,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 30 * 1_000_000_000,
        max_ack_pending: 256,
      });
    }
    this.client = jetstream(this.connection);
    if (this.context.hostsDomains) {
      const consumer = await this.client.consumers.get(this.stream, this.context.self);
      this.messages = await consumer.consume({ max_messages: 64 });
      this.consuming = this.consume(this.messages);
    }
  }

  async deliver(event: OutgoingEvent): Promise<void> {
    await this.context.local.deliver(event);
    if (!this.client) throw new Error('not connected to NATS yet');
    // msgID makes a re-sent event (relay crashed before marking it) a duplicate JetStream drops.
    await this.client.publish(`${this.namespace}.events.${event.type}`, toBrokerMessage(event, this.context.self), { msgID: event.id });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.messages?.close();
    await this.consuming;
    await this.connection?.drain().catch(() => undefined);
  }

  private async consume(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      const verdict = await acceptBrokerMessage(message.data, this.context.self, this.context.local, this.logger);
      if (verdict === 'ack') message.ack();
      else message.nak(1_000);
    }
  }
}
