/**
 * B2 — a remote port call (~200-byte DTO in, the same out) of ours against its peers: raw Nest
 * ClientProxy over TCP, NATS and RabbitMQ (a handler echoing the message), raw NATS request/reply
 * with one multiplexed reply subscription, Moleculer over NATS (nats.js v2, its own transporter). Every server runs in its own child
 * process (bench/src/servers/b2-server.ts); the clients run in this process. Each round, every subject
 * (in rotating order) runs a latency phase at concurrency 1 (HDR histogram) and a throughput phase at
 * concurrency 64. "ours, local binding" is the in-process reference.
 */
import * as hdr from 'hdr-histogram-js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { ServiceBroker } from 'moleculer';
import { connect as natsConnect, createInbox, type NatsConnection } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import { createLocalBinding } from '@foodcourt/platform-kernel';
import { createRemoteBinding, remoteCaller } from '@foodcourt/platform-ports';
import { connectToUnit, type ShippedEndpoint } from '@foodcourt/platform-host';
import type { UnitConnection } from '@foodcourt/platform-wire';
import { freePort } from '@foodcourt/platform-testing';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { spawnTs, stopProcess, track, waitReady, type TsProcess } from './shared/child-processes';
import { progress } from './shared/progress';
import { WORKSPACE_ROOT, type Goal, type SectionResult } from './shared/report';
import { formatInt, formatNs, formatRatio, median, pairedRatio, percentile, rotate } from './shared/stats';
import { ECHO_PAYLOAD, EchoPort, echoImplementation, rawNames, type B2Server, type EchoPayload } from './servers/b2-echo-port';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const RABBITMQ_URL = process.env['RABBITMQ_URL'] || 'amqp://guest:guest@127.0.0.1:5672';
const CONCURRENCY = 64;

type SubjectKey = 'ours-local' | 'ours-tcp' | 'nest-tcp' | 'ours-nats' | 'nest-nats' | 'nats-raw' | 'moleculer-nats' | 'ours-rabbitmq' | 'nest-rmq';

const LABELS: Record<SubjectKey, string> = {
  'ours-local': 'ours, local binding (in-process reference)',
  'ours-tcp': '**ours** over TCP',
  'nest-tcp': 'raw Nest ClientProxy over TCP (ServerTCP echo)',
  'ours-nats': '**ours** over NATS',
  'nest-nats': 'raw Nest ClientProxy over NATS (ServerNats echo)',
  'nats-raw': 'raw NATS request/reply, one multiplexed reply subscription',
  'moleculer-nats': 'Moleculer over NATS (params schema on the action)',
  'ours-rabbitmq': '**ours** over RabbitMQ',
  'nest-rmq': 'raw Nest ClientProxy over RabbitMQ (ServerRMQ echo)',
};

/** Where B2 leaves its wire floors for B4 (p50 at concurrency 1 of the raw peers, per transport). */
export function wireFloorsFile(quick: boolean): string {
  return join(WORKSPACE_ROOT, 'tmp', 'bench', `b2-wire-floors${quick ? '.quick' : ''}.json`);
}
export interface WireFloors {
  measuredAt: string;
  quick: boolean;
  /** p50 in ns at concurrency 1, per subject. */
  p50Ns: Record<string, number>;
}

interface Subject {
  key: SubjectKey;
  call: () => Promise<unknown>;
}

interface Results {
  /** Per-round p50 (ns) at concurrency 1. */
  p50: number[];
  /** Per-round req/s at concurrency 64. */
  rps: number[];
  histogram: hdr.Histogram;
}

export const b2RemoteCall: Benchmark = {
  id: 'B2',
  title: 'Remote port call',
  async run(context: BenchContext): Promise<SectionResult> {
    const rounds = context.quick ? 2 : 5;
    const phaseMs = context.quick ? 400 : 1_000;
    const warmupMs = context.quick ? 300 : 1_500;
    const namespace = `b2-${process.pid}-${Date.now().toString(36)}`;
    const names = rawNames(namespace);

    const servers = new Map<B2Server, { proc: TsProcess; rpcPort?: number }>();
    const closers: (() => Promise<unknown>)[] = [];
    try {
      const variants: B2Server[] = ['ours-tcp', 'nest-tcp', 'ours-nats', 'nest-nats', 'nats-raw', 'moleculer-nats', 'ours-rabbitmq', 'nest-rmq'];
      progress('B2', `starting ${variants.length} servers (namespace ${namespace}), one child process each`);
      const ready: Promise<number>[] = [];
      for (const variant of variants) {
        const port = await freePort();
        const rpcPort = variant.endsWith('tcp') ? await freePort() : undefined;
        const env: Record<string, string> = { PORT: String(port), NAMESPACE: namespace, NATS_URL, RABBITMQ_URL, NODE_ENV: 'production' };
        if (rpcPort) env['RPC_PORT'] = String(rpcPort);
        const proc = track(spawnTs('bench/src/servers/b2-server.ts', [variant], env, join(context.workDir, `b2-${variant}.log`)));
        servers.set(variant, { proc, rpcPort });
        ready.push(waitReady(proc, `http://127.0.0.1:${port}/health`, 120_000));
      }
      await Promise.all(ready);

      const ours = (endpoint: ShippedEndpoint) => {
        const connection: UnitConnection = connectToUnit(endpoint);
        closers.push(() => connection.close());
        const binding = createRemoteBinding(EchoPort, remoteCaller('bench', connection));
        return () => binding.echo(ECHO_PAYLOAD);
      };
      const nest = (client: ClientProxy, pattern: string) => {
        closers.push(() => client.close());
        return () => firstValueFrom(client.send<EchoPayload>(pattern, ECHO_PAYLOAD));
      };
      const local = createLocalBinding(EchoPort, echoImplementation);
      const rmqClient = ClientProxyFactory.create({
        transport: Transport.RMQ,
        options: { urls: [RABBITMQ_URL], queue: names.rmqQueue, queueOptions: { durable: false }, persistent: false },
      });
      await rmqClient.connect();
      const raw = await multiplexedNats(NATS_URL, names.rawSubject);
      closers.push(() => raw.close());
      const moleculer = new ServiceBroker({ nodeID: `b2-client-${process.pid}`, namespace: names.moleculerNamespace, transporter: { type: 'NATS', options: { servers: [NATS_URL] } }, logger: false, metrics: false, tracing: false });
      await moleculer.start();
      closers.push(() => moleculer.stop());
      await moleculer.waitForServices(['echo'], 30_000);

      const subjects: Subject[] = [
        { key: 'ours-local', call: () => local.echo(ECHO_PAYLOAD) },
        { key: 'ours-tcp', call: ours({ unit: names.oursUnit, transport: 'tcp', namespace, host: '127.0.0.1', port: servers.get('ours-tcp')!.rpcPort! }) },
        {
          key: 'nest-tcp',
          call: nest(ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: servers.get('nest-tcp')!.rpcPort! } }), names.pattern),
        },
        { key: 'ours-nats', call: ours({ unit: names.oursUnit, transport: 'nats', url: NATS_URL, namespace }) },
        { key: 'nest-nats', call: nest(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [NATS_URL] } }), names.natsSubject) },
        { key: 'nats-raw', call: () => raw.request(ECHO_PAYLOAD) },
        { key: 'moleculer-nats', call: () => moleculer.call('echo.echo', ECHO_PAYLOAD) },
        { key: 'ours-rabbitmq', call: ours({ unit: names.oursUnit, transport: 'rabbitmq', url: RABBITMQ_URL, namespace }) },
        { key: 'nest-rmq', call: nest(rmqClient, names.pattern) },
      ];

      // Every subject answers the payload it was sent.
      for (const subject of subjects) {
        const reply = (await subject.call()) as EchoPayload;
        if (reply?.orderId !== ECHO_PAYLOAD.orderId || reply.placedAt !== ECHO_PAYLOAD.placedAt) {
          throw new Error(`B2: ${subject.key} answered ${JSON.stringify(reply)}`);
        }
      }

      progress('B2', `warm-up: ${warmupMs} ms per subject at concurrency ${CONCURRENCY}`);
      for (const subject of subjects) await throughput(subject.call, warmupMs);

      const results = new Map<SubjectKey, Results>(
        subjects.map((s) => [s.key, { p50: [], rps: [], histogram: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: 3 }) }]),
      );
      for (let round = 0; round < rounds; round++) {
        for (const subject of rotate(subjects, round)) {
          const result = results.get(subject.key)!;
          result.p50.push(await latency(subject.call, phaseMs, result.histogram));
          result.rps.push(await throughput(subject.call, phaseMs));
        }
        progress('B2', `round ${round + 1}/${rounds}: ${subjects.map((s) => `${s.key} ${formatNs(results.get(s.key)!.p50.at(-1)!)} / ${formatInt(results.get(s.key)!.rps.at(-1)!)} req/s`).join(', ')}`);
      }

      const floors: WireFloors = { measuredAt: new Date().toISOString(), quick: context.quick, p50Ns: {} };
      for (const [key, result] of results) floors.p50Ns[key] = median(result.p50);
      mkdirSync(join(WORKSPACE_ROOT, 'tmp', 'bench'), { recursive: true });
      writeFileSync(wireFloorsFile(context.quick), JSON.stringify(floors, null, 1));
      return report(context, rounds, phaseMs, warmupMs, results);
    } finally {
      for (const close of closers) await Promise.resolve().then(close).catch(() => undefined);
      await Promise.all([...servers.values()].map((s) => stopProcess(s.proc)));
      await deleteQueues([`${namespace}.${names.oursUnit}`, names.rmqQueue]).catch((error: unknown) => progress('B2', `could not delete RabbitMQ queues: ${String(error)}`));
    }
  },
};

/** Calls one after the other for `ms`; records each latency (ns) and resolves with this phase's p50. */
async function latency(call: () => Promise<unknown>, ms: number, histogram: hdr.Histogram): Promise<number> {
  const samples: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = process.hrtime.bigint();
    await call();
    const ns = Number(process.hrtime.bigint() - t0);
    samples.push(ns);
    histogram.recordValue(Math.max(1, ns));
  }
  return percentile(samples, 50);
}

/** CONCURRENCY callers, each calling again as soon as its call is answered, for `ms`; resolves with calls per second. */
async function throughput(call: () => Promise<unknown>, ms: number): Promise<number> {
  let done = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await call();
        done++;
      }
    }),
  );
  return (done * 1_000) / (performance.now() - t0);
}

/** Raw NATS request/reply: one reply subscription on an inbox prefix, replies told apart by the subject's last token. */
async function multiplexedNats(url: string, subject: string): Promise<{ request(payload: object): Promise<unknown>; close(): Promise<void> }> {
  const nc: NatsConnection = await natsConnect({ servers: [url] });
  const prefix = createInbox();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const encoder = new TextEncoder();
  nc.subscribe(`${prefix}.*`, {
    callback: (error, msg) => {
      if (error) return;
      const id = Number(msg.subject.slice(prefix.length + 1));
      const waiter = pending.get(id);
      if (!waiter) return;
      pending.delete(id);
      try {
        waiter.resolve(msg.json());
      } catch (parseError) {
        waiter.reject(parseError as Error);
      }
    },
  });
  await nc.flush();
  let next = 0;
  return {
    request(payload) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        nc.publish(subject, encoder.encode(JSON.stringify(payload)), { reply: `${prefix}.${id}` });
      });
    },
    async close() {
      await nc.drain();
    },
  };
}

/** Deletes this run's RabbitMQ queues (NATS request/reply creates nothing to delete). */
async function deleteQueues(queues: string[]): Promise<void> {
  const connection = await amqpConnect(RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    await channel.close();
  } finally {
    await connection.close();
  }
}

function report(context: BenchContext, rounds: number, phaseMs: number, warmupMs: number, results: Map<SubjectKey, Results>): SectionResult {
  const p50 = (k: SubjectKey) => median(results.get(k)!.p50);
  const rps = (k: SubjectKey) => median(results.get(k)!.rps);
  const rpsRatio = (k: SubjectKey, ref: SubjectKey) => pairedRatio(results.get(k)!.rps, results.get(ref)!.rps);
  // Latency ratio as "how many times faster": reference p50 / subject p50, paired by round.
  const p50Speedup = (k: SubjectKey, ref: SubjectKey) => pairedRatio(results.get(ref)!.p50, results.get(k)!.p50);
  const hist = (k: SubjectKey, p: number) => formatNs(results.get(k)!.histogram.getValueAtPercentile(p));
  const rows: string[][] = [...results.keys()].map((k) => [LABELS[k], hist(k, 50), hist(k, 99), formatInt(rps(k))]);

  const pairs: [SubjectKey, SubjectKey][] = [
    ['ours-tcp', 'nest-tcp'],
    ['ours-nats', 'nats-raw'],
    ['ours-nats', 'moleculer-nats'],
    ['ours-nats', 'nest-nats'],
    ['ours-rabbitmq', 'nest-rmq'],
    ['ours-tcp', 'ours-local'],
  ];
  const ratioRows = pairs.map(([k, ref]) => [`${LABELS[k]} vs ${LABELS[ref]}`, formatRatio(rpsRatio(k, ref)), formatRatio(p50Speedup(k, ref))]);

  const tcp = rpsRatio('ours-tcp', 'nest-tcp');
  const nats = rpsRatio('ours-nats', 'nats-raw');
  const vsMoleculer = rpsRatio('ours-nats', 'moleculer-nats');
  const gap = (value: number) => (value >= 1 ? `margin ${formatRatio(value - 1)}` : `${((1 / value - 1) * 100).toFixed(0)} % more throughput needed`);
  const goals: Goal[] = [
    {
      benchmark: 'B2',
      goal: 'remote call over TCP ≥ 1.0× raw Nest TCP (req/s at concurrency 64)',
      measured: `${formatRatio(tcp)} (${formatInt(rps('ours-tcp'))} vs ${formatInt(rps('nest-tcp'))} req/s; p50 ${formatNs(p50('ours-tcp'))} vs ${formatNs(p50('nest-tcp'))})`,
      met: Number.isFinite(tcp) ? tcp >= 1 : null,
      gap: gap(tcp),
    },
    {
      benchmark: 'B2',
      goal: 'remote call over NATS ≥ 1.0× raw multiplexed NATS (req/s at concurrency 64)',
      measured: `${formatRatio(nats)} (${formatInt(rps('ours-nats'))} vs ${formatInt(rps('nats-raw'))} req/s; p50 ${formatNs(p50('ours-nats'))} vs ${formatNs(p50('nats-raw'))})`,
      met: Number.isFinite(nats) ? nats >= 1 : null,
      gap: gap(nats),
    },
    {
      benchmark: 'B2',
      goal: 'remote call over NATS ahead of Moleculer over NATS (req/s at concurrency 64)',
      measured: `${formatRatio(vsMoleculer)} (${formatInt(rps('ours-nats'))} vs ${formatInt(rps('moleculer-nats'))} req/s; p50 ${formatNs(p50('ours-nats'))} vs ${formatNs(p50('moleculer-nats'))})`,
      met: Number.isFinite(vsMoleculer) ? vsMoleculer > 1 : null,
      gap: gap(vsMoleculer),
    },
  ];

  return {
    id: 'B2',
    title: 'Remote port call',
    ranAt: new Date().toISOString(),
    command: context.command,
    quick: context.quick,
    method: [
      `Payload: a ${JSON.stringify(ECHO_PAYLOAD).length}-byte JSON order line, the same object on every call. Ours is a port \`bench.echo\` ` +
        'declared with `definePort` whose input and output are the same class-validator DTO: the server is ' +
        '`startUnitServer(endpoint, createPortHandlers(port, createLocalBinding(port, impl)))` (input validated, reply wrapped), the ' +
        'client `createRemoteBinding(port, remoteCaller(…, connectToUnit(endpoint)))` (timeout and retry policy, output DTO instance). ' +
        'The peers echo the message with a bare handler (`addHandler` on ServerTCP / ServerNats / ServerRMQ; a NATS subscription ' +
        'answering `msg.respond(msg.data)`; a Moleculer service whose action validates its params with a fastest-validator schema of the same rules and answers them), called through `broker.call` for Moleculer, `ClientProxy.send` or, for raw NATS, through one reply subscription on an ' +
        'inbox prefix with replies correlated by the subject\'s last token. Each server is its own child process ' +
        '(`node -r @swc-node/register`, NODE_ENV=production); clients run in the bench process; NATS and RabbitMQ are the local brokers. ' +
        'Subjects and queues carry a namespace unique to the run; the RabbitMQ queues are deleted afterwards.',
      `${warmupMs} ms warm-up per subject, then ${rounds} rounds; in each round every subject (order rotating) runs ${phaseMs} ms of calls ` +
        `one at a time (latency, into one HDR histogram per subject) then ${phaseMs} ms with ${CONCURRENCY} concurrent callers (req/s). ` +
        'Figures are medians over rounds; ratios are medians of the per-round ratios.',
    ],
    tables: [
      { title: 'Latency at concurrency 1 and throughput at concurrency 64', headers: ['subject', 'p50', 'p99', `req/s (c=${CONCURRENCY})`], rows },
      { title: 'Ours against each peer (higher is better for ours)', headers: ['comparison', 'req/s ×', 'p50 speed ×'], rows: ratioRows },
    ],
    notes: [
      'The peers do less than ours by design: no input validation, no reply envelope, no timeout/retry policy, no DTO instance on ' +
        'the way out. The gap to them is what those guarantees cost on the wire path.',
    ],
    goals,
  };
}
