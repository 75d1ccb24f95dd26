import type { Server } from 'node:http';
import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InboxProcessor, OutboxRelay } from '@foodcourt/platform-messaging';
import { UnitServerHost } from '@foodcourt/platform-ports';
import type { DrainState } from './drain-state';

/** What a graceful stop needs to know about the unit. */
export interface DrainOptions {
  state: DrainState;
  /** Longest wait for the work in flight before the process exits anyway (DRAIN_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Pick<Logger, 'log' | 'warn'>;
  /** Ends the process (process.exit outside tests). */
  exit: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT the unit drains, then exits 0 (docs/adr/0011):
 * 1. readiness answers 503 (a load balancer or Kubernetes stops sending it traffic);
 * 2. HTTP stops accepting connections, and the requests in flight finish (each answered with
 *    `Connection: close`); the transport server stops taking calls (later ones are turned away
 *    unexecuted and sent again by their callers) and answers the calls in flight;
 * 3. the outbox relay and the inbox processor finish their pass in flight and stop;
 * 4. the app closes (connections, databases).
 * A second signal, or DRAIN_TIMEOUT_MS passing, exits at once with 1.
 */
export function drainOnSignals(app: NestFastifyApplication, options: DrainOptions): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (options.state.draining) {
      options.logger.warn(`${signal} while draining: exiting now`);
      options.exit(1);
      return;
    }
    void drainUnit(app, signal, options);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Drains the unit as drainOnSignals describes, then calls `exit` (0 when everything finished in time). */
export async function drainUnit(app: NestFastifyApplication, signal: string, { state, timeoutMs, logger, exit }: DrainOptions): Promise<void> {
  const began = performance.now();
  state.begin();
  const calls = app.get(UnitServerHost, { strict: false });
  logger.log(`${signal}: draining (not ready; finishing the requests and calls in flight, at most ${timeoutMs} ms)`);
  const overdue = setTimeout(() => {
    logger.warn(`drain did not finish within ${timeoutMs} ms (${calls.callsInFlight} calls still in flight): exiting`);
    exit(1);
  }, timeoutMs);
  try {
    await Promise.all([closeHttp(app.getHttpServer() as Server), calls.drain()]);
    await Promise.all([app.get(OutboxRelay, { strict: false }).stop(), app.get(InboxProcessor, { strict: false }).stop()]);
    await app.close();
  } catch (error) {
    clearTimeout(overdue);
    logger.warn(`drain failed: ${(error as Error).message}`);
    exit(1);
    return;
  }
  clearTimeout(overdue);
  logger.log(`drained in ${Math.round(performance.now() - began)} ms`);
  exit(0);
}

/**
 * Stops accepting connections and resolves once the open ones have closed: Node closes the idle
 * keep-alive ones at once (since Node 19), the busy ones close after their response.
 */
function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * While draining, every response asks its client to close the connection, so a keep-alive
 * client reconnects (to another replica, or to the next instance) instead of holding this one open.
 */
export function closeConnectionsWhileDraining(app: NestFastifyApplication, state: DrainState): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      if (state.draining) void reply.header('connection', 'close');
      done();
    });
}
