import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';

/**
 * The machine's own services, restarted by the fault suite with the commands of /work/shared/SERVICES.md (no
 * systemd here; run as root: rabbitmqctl and rabbitmq-server switch to the rabbitmq user themselves).
 * Each restart waits until the service answers again, within a bound, or throws saying what it waited for.
 */

const run = promisify(execFile);

/** Runs one command; `ok` lists exit codes that are not a failure (pkill: 1 = nothing matched). */
async function sh(command: string, { timeoutMs = 60_000, ok = [0] }: { timeoutMs?: number; ok?: number[] } = {}): Promise<void> {
  try {
    await run('bash', ['-c', command], { timeout: timeoutMs, env: { ...process.env, HOME: process.env['HOME'] ?? '/root' } });
  } catch (error) {
    const e = error as { code?: number | string; stderr?: string; killed?: boolean };
    if (typeof e.code === 'number' && ok.includes(e.code)) return;
    throw new Error(`\`${command}\` ${e.killed ? `took more than ${timeoutMs} ms` : `failed (exit ${e.code})`}: ${String(e.stderr ?? '').trim().slice(0, 500)}`);
  }
}

/** Whether something accepts a TCP connection on 127.0.0.1:`port` (1 s limit). */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitPort(service: string, port: number, open: boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await portOpen(port)) !== open) {
    if (Date.now() > deadline) throw new Error(`${service}: 127.0.0.1:${port} still ${open ? 'refuses' : 'accepts'} connections after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Service {
  name: string;
  port: number;
  start: () => Promise<void>;
  /** After the port accepts: what else must succeed before the service counts as up. */
  ready?: () => Promise<void>;
}

const NATS: Service = {
  name: 'NATS',
  port: 4222,
  start: () => sh('start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log'),
};

const RABBITMQ: Service = {
  name: 'RabbitMQ',
  port: 5672,
  start: () => sh('rabbitmq-server -detached'),
  ready: () => sh('rabbitmqctl await_startup --timeout 90', { timeoutMs: 100_000 }),
};

const POSTGRES: Service = {
  name: 'PostgreSQL',
  port: 5432,
  start: () => sh('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', { timeoutMs: 90_000 }),
};

async function startAndWait(service: Service, timeoutMs: number): Promise<void> {
  await service.start();
  await waitPort(service.name, service.port, true, timeoutMs);
  await service.ready?.();
}

/** `pkill -x nats-server`, until 4222 refuses; started again with /work/shared/SERVICES.md's command, until 4222 accepts. */
export async function restartNats(): Promise<void> {
  await sh('pkill -x nats-server', { ok: [0, 1] });
  await waitPort(NATS.name, NATS.port, false, 15_000);
  await startAndWait(NATS, 30_000);
}

/** `rabbitmqctl shutdown`, then `rabbitmq-server -detached`, until 5672 accepts and `rabbitmqctl await_startup` succeeds. */
export async function restartRabbitMq(): Promise<void> {
  // shutdown (unlike stop) returns once the node's OS process has exited.
  await sh('rabbitmqctl shutdown', { timeoutMs: 90_000 });
  await waitPort(RABBITMQ.name, RABBITMQ.port, false, 30_000);
  await startAndWait(RABBITMQ, 90_000);
}

/** `pg_ctlcluster … main restart` (fast shutdown: every connection is cut), until 5432 accepts. */
export async function restartPostgres(): Promise<void> {
  await sh('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart', { timeoutMs: 90_000 });
  await waitPort(POSTGRES.name, POSTGRES.port, true, 60_000);
}

/**
 * Leaves the machine as the suite found it: starts NATS, RabbitMQ and PostgreSQL where one is down
 * (a fault interrupted, a failed test), and waits for each. Tries all three; throws naming those that stay down.
 */
export async function ensureServicesUp(): Promise<void> {
  const failures: string[] = [];
  for (const service of [NATS, RABBITMQ, POSTGRES]) {
    try {
      if (await portOpen(service.port)) {
        await service.ready?.();
        continue;
      }
      await startAndWait(service, 90_000);
    } catch (error) {
      failures.push(`${service.name}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`services still down after the fault suite:\n${failures.join('\n')}`);
}
