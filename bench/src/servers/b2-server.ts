/**
 * One server of B2, run in its own child process:
 *   node -r @swc-node/register bench/src/servers/b2-server.ts <variant>
 * Environment: PORT (a tiny HTTP /health answering 200 once the server listens), RPC_PORT (TCP
 * variants), NAMESPACE (subjects and queues of this run), NATS_URL, RABBITMQ_URL.
 * "ours-*" serve the B2 echo port through startUnitServer (input validated by the local binding);
 * the peers echo the message they receive, untouched.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { ServerNats, ServerRMQ, ServerTCP } from '@nestjs/microservices';
import { connect } from '@nats-io/transport-node';
import { ServiceBroker } from 'moleculer';
import { createLocalBinding } from '@foodcourt/platform-kernel';
import { createPortHandlers } from '@foodcourt/platform-ports';
import { startUnitServer, type ShippedEndpoint } from '@foodcourt/platform-host';
import { B2_SERVERS, EchoPort, MOLECULER_ECHO_PARAMS, echoImplementation, rawNames, type B2Server } from './b2-echo-port';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`b2-server: ${name} is not set`);
  return value;
};

async function startOurs(endpoint: ShippedEndpoint): Promise<void> {
  await startUnitServer(endpoint, [...createPortHandlers(EchoPort, createLocalBinding(EchoPort, echoImplementation))]);
}

async function listen(server: { listen(callback: (error?: unknown) => void): unknown }): Promise<void> {
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
}

async function start(variant: B2Server): Promise<void> {
  const namespace = env('NAMESPACE');
  const names = rawNames(namespace);
  const echo = async (data: unknown) => data;
  switch (variant) {
    case 'ours-tcp':
      return startOurs({ unit: names.oursUnit, transport: 'tcp', namespace, host: '127.0.0.1', port: Number(env('RPC_PORT')) });
    case 'ours-nats':
      return startOurs({ unit: names.oursUnit, transport: 'nats', url: env('NATS_URL'), namespace });
    case 'ours-rabbitmq':
      return startOurs({ unit: names.oursUnit, transport: 'rabbitmq', url: env('RABBITMQ_URL'), namespace });
    case 'nest-tcp': {
      const server = new ServerTCP({ host: '127.0.0.1', port: Number(env('RPC_PORT')) });
      server.addHandler(names.pattern, echo);
      return listen(server);
    }
    case 'nest-nats': {
      const server = new ServerNats({ servers: [env('NATS_URL')] });
      server.addHandler(names.natsSubject, echo);
      return listen(server);
    }
    case 'nest-rmq': {
      const server = new ServerRMQ({ urls: [env('RABBITMQ_URL')], queue: names.rmqQueue, queueOptions: { durable: false }, noAck: true, prefetchCount: 64 });
      server.addHandler(names.pattern, echo);
      return listen(server);
    }
    case 'nats-raw': {
      // A plain NATS responder: answers each request with its own bytes.
      const nc = await connect({ servers: [env('NATS_URL')] });
      nc.subscribe(names.rawSubject, { callback: (error, msg) => {
          if (!error) msg.respond(msg.data);
        },
      });
      await nc.flush();
      return;
    }
    case 'moleculer-nats': {
      // Moleculer's NATS transporter (nats.js v2), its params validator on the action, answers its params.
      const broker = new ServiceBroker({ nodeID: `b2-server-${process.pid}`, namespace: names.moleculerNamespace, transporter: { type: 'NATS', options: { servers: [env('NATS_URL')] } }, logger: false, metrics: false, tracing: false });
      broker.createService({ name: 'echo', actions: { echo: { params: MOLECULER_ECHO_PARAMS, handler: (ctx: { params: unknown }) => ctx.params } } });
      await broker.start();
      return;
    }
  }
}

async function main(): Promise<void> {
  const variant = process.argv[2] as B2Server;
  if (!B2_SERVERS.includes(variant)) throw new Error(`usage: b2-server.ts <${B2_SERVERS.join('|')}>`);
  await start(variant);
  const health = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => health.listen(Number(env('PORT')), '127.0.0.1', resolve));
  process.stdout.write(`${variant} ready\n`);
  process.once('SIGTERM', () => process.exit(0));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`b2-server: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
