import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import { parse } from 'yaml';

// Jest loads a globalTeardown outside the test runtime: no path aliases here, only packages and relative paths.
const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** File in a suite's data dir naming the broker namespace its units used (written by support/monolith.ts). */
export const NAMESPACE_FILE = 'broker-namespace';

/**
 * Jest globalTeardown of the broker topologies: deletes the JetStream stream and the RabbitMQ
 * queues and exchange of every namespace this run used, so test runs leave the shared broker as
 * they found it (each run has its own namespaces, so nothing of a concurrent run is touched).
 */
export default async function purgeBrokers(): Promise<void> {
  const topologyName = process.env['FOODCOURT_E2E_TOPOLOGY'];
  if (!topologyName || topologyName === 'monolith') return;
  const dir = join(WORKSPACE_ROOT, 'tmp', 'e2e', topologyName);
  if (!existsSync(dir)) return;
  const namespaces = readdirSync(dir)
    .map((suite) => join(dir, suite, NAMESPACE_FILE))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8').trim());
  const topology = parse(readFileSync(join(WORKSPACE_ROOT, 'topology', `${topologyName}.yaml`), 'utf8')) as { transport?: string; units: { name: string }[] };
  const transport = topology.transport ?? 'tcp';
  if (namespaces.length === 0 || transport === 'tcp') return;
  if (transport === 'nats') {
    const connection = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
    const manager = await jetstreamManager(connection);
    for (const namespace of namespaces) await manager.streams.delete(`${namespace}_events`).catch(() => false);
    await connection.close();
    return;
  }
  const connection = await amqpConnect(process.env['RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672');
  const channel = await connection.createChannel();
  for (const namespace of namespaces) {
    for (const unit of topology.units) {
      await channel.deleteQueue(`${namespace}.${unit.name}`);
      await channel.deleteQueue(`${namespace}.events.${unit.name}`);
    }
    await channel.deleteExchange(`${namespace}.events`);
  }
  await connection.close();
}
