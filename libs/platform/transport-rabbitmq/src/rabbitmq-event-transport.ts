import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { acceptBrokerMessage, EventTransport, toBrokerMessage, type OutgoingEvent, type UnitEventContext } from '@foodcourt/platform-wire';
import type { RabbitMqEndpoint } from './rabbitmq-endpoint';

const PUBLISH_TIMEOUT_MS = 3_000;
const RETRY_DELAY_MS = 1_000;

/**
 * Events over RabbitMQ. The relay publishes each outbox event, persistent, to the fanout
 * exchange `<namespace>.events` on a confirm channel (resolved once the broker has it: only
 * then is the outbox row marked published). Every unit hosting a domain has a durable queue
 * bound to it, declared by every unit at start so an event published while a unit has never
 * run still waits for it. Consumers ack manually after writing their inbox rows (deduped).
 */
export class RabbitMqEventTransport extends EventTransport implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RabbitMqEvents');
  private connection: AmqpConnectionManager | undefined;
  private channel: ChannelWrapper | undefined;

  constructor(private readonly context: UnitEventContext<RabbitMqEndpoint>) {
    super();
  }

  private get namespace(): string {
    return this.context.endpoint.namespace;
  }

  private get exchange(): string {
    return `${this.namespace}.events`;
  }

  private queueOf(unit: string): string {
    return `${this.namespace}.events.${unit}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.connection = amqp.connect([this.context.endpoint.url], { heartbeatIntervalInSeconds: 5 });
    const consumes = this.context.hostsDomains;
    const units = this.context.consumers;
    this.channel = this.connection.createChannel({
      confirm: true,
      publishTimeout: PUBLISH_TIMEOUT_MS,
      setup: async (channel: ConfirmChannel) => {
        await channel.assertExchange(this.exchange, 'fanout', { durable: true });
        for (const unit of units) {
          await channel.assertQueue(this.queueOf(unit), { durable: true });
          await channel.bindQueue(this.queueOf(unit), this.exchange, '');
        }
        if (consumes) {
          await channel.prefetch(64);
          await channel.consume(this.queueOf(this.context.self), (message) => void this.handle(channel, message), { noAck: false });
        }
      },
    });
    await this.channel.waitForConnect();
  }

  async deliver(event: OutgoingEvent): Promise<void> {
    await this.context.local.deliver(event);
    if (!this.channel) throw new Error('not connected to RabbitMQ yet');
    await this.channel.publish(this.exchange, '', toBrokerMessage(event, this.context.self), {
      persistent: true,
      messageId: event.id,
      contentType: 'application/json',
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  private async handle(channel: ConfirmChannel, message: ConsumeMessage | null): Promise<void> {
    if (!message) return; // the queue was deleted; the channel's setup runs again on reconnect
    const verdict = await acceptBrokerMessage(message.content, this.context.self, this.context.local, this.logger);
    if (verdict === 'ack') channel.ack(message);
    else setTimeout(() => channel.nack(message, false, true), RETRY_DELAY_MS);
  }
}
