import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port on loopback that nothing listens on right now, taken below the kernel's ephemeral
 * range. A port the kernel hands out (listen on 0) comes from that range, which is also where every
 * outgoing connection gets its local port: a unit connecting to a peer could take the port picked
 * for another unit before that unit listens on it (EADDRINUSE at start, seen in the split
 * topologies). Below the range only listeners compete, and the bind test here rules out those.
 */
export async function freePort(): Promise<number> {
  const [low, high] = candidateRange();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await canListen(port)) return port;
  }
  // A crowded range: let the kernel choose (the old behaviour).
  return listenOn(0);
}

/** Ports from 20000 up to just below the ephemeral range (Linux default 32768–60999). */
function candidateRange(): [number, number] {
  let ephemeralLow = 32_768;
  try {
    ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // not Linux: keep the usual default
  }
  const high = Math.min(ephemeralLow - 1, 65_535);
  const low = Math.min(20_000, high - 1_000);
  return [Math.max(low, 1_024), high];
}

async function canListen(port: number): Promise<boolean> {
  try {
    return (await listenOn(port)) === port;
  } catch {
    return false;
  }
}

/** Listens on `port` (0: any), closes, and resolves with the port that was bound. */
function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}
