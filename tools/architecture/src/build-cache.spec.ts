/**
 * The build target's cache is honest: `nx build gateway` is replayed from the cache when only a
 * library the gateway does not import changed — and the replayed bundle is still right — and it
 * runs again when one it imports changed. Inside a throwaway copy of the workspace (its own Nx
 * cache, no daemon), so the real dist/ and .nx/ are never touched.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyEnv, copyWorkspace, freePort, waitFor } from '@foodcourt/platform-testing';

jest.setTimeout(300_000);

/** A statement esbuild keeps (it has a side effect), so its text shows in any bundle holding the file. */
const probe = (text: string) => `\n(globalThis as Record<string, unknown>)['cacheProbe'] = '${text}';\n`;
const NOT_IMPORTED = 'libs/payments/core/src/index.ts';
const IMPORTED = 'libs/platform/host/src/index.ts';

describe('the build target cache (nx build gateway, in a copy of the workspace)', () => {
  let workspace: ReturnType<typeof copyWorkspace>;
  let copy: string;
  let bundle: string;

  /** `nx build gateway` in the copy: whether Nx replayed it from the cache. */
  function build(): { cached: boolean } {
    const output = execFileSync(join(copy, 'node_modules/.bin/nx'), ['build', 'gateway', '--outputStyle=static'], {
      cwd: copy,
      env: copyEnv({ NX_CACHE_DIRECTORY: join(copy, '.nx/cache'), NX_TUI: 'false' }),
      encoding: 'utf8',
    });
    return { cached: /existing outputs match the cache|local cache|read the output from the cache/.test(output) };
  }

  beforeAll(() => {
    workspace = copyWorkspace('foodcourt-build-cache-');
    copy = workspace.root;
    bundle = join(copy, 'dist/apps/gateway/main.js');
  });

  afterAll(() => workspace?.remove());

  it('replays the bundle when a library the gateway does not import changes, and the bundle still starts', async () => {
    expect(build()).toEqual({ cached: false });
    expect(existsSync(bundle)).toBe(true);

    appendFileSync(join(copy, NOT_IMPORTED), probe('outside-the-gateway'));
    expect(build()).toEqual({ cached: true });
    expect(readFileSync(bundle, 'utf8')).not.toContain('outside-the-gateway');
    expect(await liveStatus(bundle)).toBe(200);
  });

  it('builds again when a library the gateway imports changes, and the bundle holds the change', () => {
    appendFileSync(join(copy, IMPORTED), probe('inside-the-gateway'));
    expect(build()).toEqual({ cached: false });
    expect(readFileSync(bundle, 'utf8')).toContain('inside-the-gateway');
  });
});

/** Starts the bundled gateway alone (unit gateway of split-tcp) with plain node; the status of its /health/live. */
async function liveStatus(entry: string): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry, '--topology', 'topology/split-tcp.yaml', '--unit', 'gateway'], {
    cwd: dirname(entry),
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dirname(entry), 'data') },
    stdio: 'ignore',
  });
  try {
    return await waitFor(
      () => fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status, () => 0),
      (status) => status !== 0 || child.exitCode !== null,
      { timeoutMs: 30_000, intervalMs: 100, what: 'the bundled gateway live' },
    );
  } finally {
    child.kill('SIGKILL');
  }
}
