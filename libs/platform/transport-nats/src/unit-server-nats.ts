import { ServerNats } from '@nestjs/microservices';
import { replyOf, requestHandler } from '@foodcourt/platform-wire';

/*
 * Nest's ServerNats, changed only where a unit pays for what it does not use (see transport-tcp's
 * unit-server-tcp.ts for the pattern lookup this skips).
 */
export class UnitServerNats extends ServerNats {
  /**
   * A drain leaves the unit's queue group: NATS sends later requests to the other replicas, or
   * answers "no responders" when there are none (the caller sends again until a replica is back).
   */
  async stopTaking(): Promise<void> {
    // Nest keeps the subscriptions it made in a field its typings call private.
    const { subscriptions } = this as unknown as { subscriptions: { unsubscribe(): void }[] };
    for (const subscription of subscriptions) subscription.unsubscribe();
    await this.unwrap<{ flush(): Promise<void> }>().flush();
  }

  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  /** As UnitServerTcp.handleMessage: a request (a JSON packet with an id and a reply subject) skips the rxjs pipeline. */
  override async handleMessage(channel: string, natsMsg: Parameters<ServerNats['handleMessage']>[1]): Promise<unknown> {
    const handler = natsMsg.reply ? requestHandler(this.messageHandlers, channel) : undefined;
    let packet: { pattern?: unknown; data?: unknown; id?: unknown; headers?: unknown } | null = null;
    try {
      if (handler) packet = natsMsg.json();
    } catch {
      // not JSON: Nest's path reports it
    }
    // Nest's deserializer takes a message without pattern and data as the data itself, with no id (an event).
    if (!handler || packet === null || typeof packet !== 'object' || packet.id === undefined || (packet.pattern === undefined && packet.data === undefined)) {
      return super.handleMessage(channel, natsMsg);
    }
    const reply = await replyOf(handler, packet.data, packet.id, packet.headers);
    try {
      natsMsg.respond(JSON.stringify(reply));
    } catch (error) {
      // As Nest's Server.send(): a reply that cannot be published is logged, never thrown.
      this.logger.error(error);
    }
    return undefined;
  }
}

