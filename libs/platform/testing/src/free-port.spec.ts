import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort } from './free-port';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('freePort', () => {
  it('returns a TCP port on loopback that can be listened on', async () => {
    const port = await freePort();
    expect(Number.isInteger(port)).toBe(true);
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThanOrEqual(65_535);
    const server = await listen(port);
    try {
      expect((server.address() as { port: number }).port).toBe(port);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not return a port something is listening on', async () => {
    const busy = await listen(0);
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
      expect(ports).not.toContain(busyPort);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('picks below the ephemeral range, where outgoing connections cannot take it before the unit listens', async () => {
    const range = (() => {
      try {
        return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
      } catch {
        return undefined;
      }
    })();
    if (!range) return; // not Linux: nothing to compare with
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(port).toBeLessThan(range[0]!);
  });
});
