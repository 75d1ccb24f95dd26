import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on right now (platform-testing's freePort would make a dependency cycle). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
