import { ServerRMQ } from '@nestjs/microservices';

/**
 * Nest's ServerRMQ, whose pattern lookup skips the JSON.parse of a plain name (see transport-tcp's
 * unit-server-tcp.ts). Also: Nest's ServerRMQ drops the promise of each reply it publishes; a unit closing while a reply
 * is being confirmed would then die of an unhandled rejection. The reply is lost either way
 * (the caller times out): only the crash is avoided.
 */
export class UnitServerRmq extends ServerRMQ {
  private consuming: { channel: { cancel(tag: string): Promise<unknown> }; tag: string } | undefined;
  private stopped = false;

  /** Remembers the channel its consumer runs on (set up again after a reconnect), so a drain can cancel it. */
  override async setupChannel(channel: Parameters<ServerRMQ['setupChannel']>[0], callback: Parameters<ServerRMQ['setupChannel']>[1]): Promise<void> {
    if (this.stopped) return callback();
    const tag = this.getOptionsProp(this.options, 'consumerTag', undefined) as string | undefined;
    if (tag) this.consuming = { channel: channel as { cancel(tag: string): Promise<unknown> }, tag };
    return super.setupChannel(channel, callback);
  }

  /**
   * A drain cancels this unit's consumer: later requests stay in the unit's queue for the other
   * replicas or the next instance (they expire at their caller's deadline).
   */
  async stopTaking(): Promise<void> {
    this.stopped = true;
    await this.consuming?.channel.cancel(this.consuming.tag).catch(() => undefined);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override sendMessage<T>(message: T, replyTo: unknown, correlationId: string, context: Parameters<ServerRMQ['sendMessage']>[3]): void {
    const channel = this.channel as { sendToQueue: (...args: unknown[]) => unknown } | null;
    if (!channel) return;
    const original = channel.sendToQueue;
    channel.sendToQueue = (...args: unknown[]) => {
      const sent = original.apply(channel, args);
      if (sent instanceof Promise) sent.catch(() => undefined);
      return sent;
    };
    try {
      super.sendMessage(message, replyTo, correlationId, context);
    } finally {
      channel.sendToQueue = original;
    }
  }
}

