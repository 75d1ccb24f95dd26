import { ServerRMQ } from '@nestjs/microservices';

/**
 * Nest's ServerRMQ, whose pattern lookup skips the JSON.parse of a plain name (see transport-tcp's
 * unit-server-tcp.ts). Also: Nest's ServerRMQ drops the promise of each reply it publishes; a unit closing while a reply
 * is being confirmed would then die of an unhandled rejection. The reply is lost either way
 * (the caller times out): only the crash is avoided.
 */
export class UnitServerRmq extends ServerRMQ {
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

