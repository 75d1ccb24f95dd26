import type { BaseRpcContext, Server } from '@nestjs/microservices';
import { headersOfHandlerArgument } from './nest-request-fast-path';
import type { RpcHandler } from './rpc-handler';
import type { UnitServer } from './unit-transport';

/** What a unit needs of a Nest transport server (their status types differ, so no common Server<> type fits). */
export type NestTransportServer = Pick<Server, 'addHandler' | 'listen' | 'close'>;

/**
 * Attaches `handlers` to a Nest transport server (under the name the transport gives each
 * pattern) and starts it; rejects naming the unit, transport and address if it cannot listen.
 */
export async function startNestServer(
  server: NestTransportServer,
  handlers: [string, RpcHandler][],
  where: { unit: string; transport: string; address: string },
  nameOf: (pattern: string) => string = (pattern) => pattern,
  headersFromContext?: (context: BaseRpcContext) => unknown,
): Promise<UnitServer> {
  for (const [pattern, handler] of handlers) {
    server.addHandler(nameOf(pattern), (data: unknown, context: unknown) => handler(data, headersOfHandlerArgument(context, headersFromContext)));
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
    async close() {
      await server.close();
    },
  };
}
