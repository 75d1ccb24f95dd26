import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { freePort } from './free-port';
import { UnitProcess, WORKSPACE_ROOT } from './unit-process';

/** A unit as small as it gets: answers 200 on /health/ready, logs what it was started with, stops on SIGTERM. */
const SERVER_FIXTURE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') { res.writeHead(200); res.end('ready'); return; }
  if (req.url === '/whoami') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ greeting: process.env.GREETING, args: process.argv.slice(2), dataDir: process.env.DATA_DIR, cwd: process.cwd() })); return; }
  res.writeHead(404); res.end();
});
server.listen(Number(process.env.PORT), process.env.HOST, () => console.log('listening on ' + process.env.PORT));
process.on('SIGTERM', () => { console.log('got SIGTERM, shutting down'); process.exit(0); });
`;

/** A unit that never listens. */
const HANGING_FIXTURE = `setInterval(() => {}, 1000);`;

/** A unit that refuses to start, as one with a bad setting does. */
const FAILING_FIXTURE = `
console.error('invalid configuration: PAYMENT_MODE: must be one of live, fake');
process.exit(3);
`;

describe('UnitProcess', () => {
  let dir: string;
  let serverEntry: string;
  let failingEntry: string;
  let hangingEntry: string;
  const started: UnitProcess[] = [];

  beforeAll(() => {
    mkdirSync(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(WORKSPACE_ROOT, 'tmp', 'platform-testing-spec-'));
    // Entries are given relative to the workspace root, as real units are.
    serverEntry = relative(WORKSPACE_ROOT, join(dir, 'server.js'));
    failingEntry = relative(WORKSPACE_ROOT, join(dir, 'failing.js'));
    writeFileSync(join(WORKSPACE_ROOT, serverEntry), SERVER_FIXTURE);
    writeFileSync(join(WORKSPACE_ROOT, failingEntry), FAILING_FIXTURE);
    hangingEntry = relative(WORKSPACE_ROOT, join(dir, 'hanging.js'));
    writeFileSync(join(WORKSPACE_ROOT, hangingEntry), HANGING_FIXTURE);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((unit) => unit.kill()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function unit(
    name: string,
    entry: string,
    extra: { env?: Record<string, string>; args?: string[]; readyTimeoutMs?: number; port?: number; logFileName?: string; name?: string } = {},
  ): UnitProcess {
    const created = new UnitProcess({ entry, dataDir: join(dir, name), ...extra });
    started.push(created);
    return created;
  }

  it('creates its data directory and keeps the log there', () => {
    const created = unit('fresh', serverEntry);
    expect(existsSync(join(dir, 'fresh'))).toBe(true);
    expect(created.logFile).toBe(join(dir, 'fresh', 'unit.log'));
    expect(created.log()).toBe('');
  });

  it('start() resolves once the unit is ready, and url reaches it with its env, args and data dir', async () => {
    const server = unit('server', serverEntry, { env: { GREETING: 'hello' }, args: ['--flag', 'x'] });
    await expect(server.start()).resolves.toBe(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    const whoami = await (await fetch(`${server.url}/whoami`)).json();
    expect(whoami).toEqual({ greeting: 'hello', args: ['--flag', 'x'], dataDir: join(dir, 'server'), cwd: WORKSPACE_ROOT });
    expect(server.log()).toContain(`listening on ${new URL(server.url).port}`);
  });

  it('stop() sends SIGTERM and resolves with the exit code once the unit has exited', async () => {
    const server = unit('stopping', serverEntry);
    await server.start();
    await expect(server.stop()).resolves.toBe(0);
    expect(server.log()).toContain('got SIGTERM, shutting down');
    await expect(fetch(`${server.url}/health/ready`)).rejects.toThrow();
    // Stopping again is harmless and reports the same exit.
    await expect(server.stop()).resolves.toBe(0);
  });

  it('kill() ends the unit without running its shutdown handler', async () => {
    const server = unit('killed', serverEntry);
    await server.start();
    await expect(server.kill()).resolves.toBeNull();
    expect(server.log()).not.toContain('got SIGTERM');
  });

  it('start() rejects with the exit code and the log of a unit that exits before it is ready', async () => {
    const failing = unit('failing', failingEntry, { readyTimeoutMs: 2_000 });
    const starting = failing.start();
    await expect(starting).rejects.toThrow('unit exited with code 3 before it was ready');
    await expect(starting).rejects.toThrow('PAYMENT_MODE: must be one of live, fake');
  });

  it('restarts on the port it was given, appending to the log file it was given', async () => {
    const port = await freePort();
    const server = unit('fixed', serverEntry, { port, logFileName: 'payments.log' });
    expect(server.logFile).toBe(join(dir, 'fixed', 'payments.log'));
    await server.start();
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    await server.stop();
    await server.start();
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    expect(server.log().match(/listening on/g)).toHaveLength(2);
  });

  it('names itself when it is not ready in time', async () => {
    const hanging = unit('hanging', hangingEntry, { name: 'payments of split-tcp', readyTimeoutMs: 1_000 });
    await expect(hanging.start()).rejects.toThrow('unit payments of split-tcp ready not met within 1000 ms');
  });

  it('runToExit() returns the exit code and everything the unit wrote', async () => {
    const failing = unit('run-to-exit', failingEntry);
    const { code, output } = await failing.runToExit(10_000);
    expect(code).toBe(3);
    expect(output).toContain('invalid configuration: PAYMENT_MODE: must be one of live, fake');
  });

  it('runToExit() kills a unit that outlives the timeout and returns what it wrote', async () => {
    const server = unit('runaway', serverEntry);
    const started = Date.now();
    const { code, output } = await server.runToExit(2_000);
    expect(code).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(output).toContain('listening on');
  });
});
