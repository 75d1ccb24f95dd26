import type { BaseRpcContext, Server } from '@nestjs/microservices';
import { headersOfHandlerArgument } from './nest-request-fast-path';
import type { RpcHandler } from './rpc-handler';
import { UNIT_DRAINING } from './transport-failure';
import type { UnitServer } from './unit-transport';

/**
 * What a unit needs of a Nest transport server (their status types differ, so no common Server<> type fits),
 * plus `stopTaking`: stop receiving new calls (close the listener, unsubscribe, cancel the consumer)
 * while the calls already received are answered.
 */
export type NestTransportServer = Pick<Server, 'addHandler' | 'listen' | 'close'> & { stopTaking(): Promise<void> };

/** How each transport names a pattern and finds a call's headers on Nest's path. */
export interface NestServerNaming {
  nameOf?: (pattern: string) => string;
  headersFromContext?: (context: BaseRpcContext) => unknown;
}

/**
 * Attaches `handlers` to a Nest transport server (under the name the transport gives each
 * pattern) and starts it; rejects naming the unit, transport and address if it cannot listen.
 * The server counts the calls it is answering, so a drain can wait for them.
 */
export async function startNestServer(
  server: NestTransportServer,
  handlers: [string, RpcHandler][],
  where: { unit: string; transport: string; address: string },
  { nameOf = (pattern) => pattern, headersFromContext }: NestServerNaming = {},
): Promise<UnitServer> {
  const calls = new CallsInFlight();
  for (const [pattern, handler] of handlers) {
    server.addHandler(nameOf(pattern), (data: unknown, context: unknown) => calls.answer(() => handler(data, headersOfHandlerArgument(context, headersFromContext))));
  }
  await new Promise<void>((resolve, reject) => {
    server.listen((error?: unknown) => {
      if (!error) return resolve();
      const reason = error instanceof Error ? error.message : String(error);
      reject(new Error(`unit "${where.unit}" cannot listen on ${where.transport} ${where.address}: ${reason}`));
    });
  });
  return {
    where: `${where.transport} ${where.address}`,
    get inFlight() {
      return calls.count;
    },
    async drain() {
      calls.refuseNew();
      await server.stopTaking();
      await calls.settled();
    },
    async close() {
      await server.close();
    },
  };
}

/**
 * The calls a unit server is answering. Once draining, a call that still arrives (on a
 * connection opened before, or already queued) is turned away unexecuted with UNIT_DRAINING,
 * which its caller sends again, to another replica or to this unit's next instance.
 */
class CallsInFlight {
  count = 0;
  private draining = false;
  private idle: (() => void) | undefined;

  async answer(handler: () => Promise<unknown>): Promise<unknown> {
    if (this.draining) throw UNIT_DRAINING;
    this.count++;
    try {
      return await handler();
    } finally {
      this.count--;
      if (this.count === 0) this.idle?.();
    }
  }

  refuseNew(): void {
    this.draining = true;
  }

  settled(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }
}
