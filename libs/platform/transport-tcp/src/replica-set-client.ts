import { neverExecuted, type UnitConnection } from '@foodcourt/platform-wire';

/** After a replica refused a connection (or turned a call away while draining), calls skip it for this long (then one call tries it again). */
const REFUSED_BACKOFF_MS = 1_000;

/**
 * One unit run as several replicas at several TCP addresses: calls go round-robin over the
 * replicas, skipping one that refused a connection a moment ago. A call refused by a replica
 * (its socket never connected, so nothing was sent) or turned away by a draining one goes to the next one, also for a method that
 * is not idempotent; any other failure is the caller's, as with one replica (ADR 6 retries only
 * idempotent calls). When every replica refuses, the last refusal is the call's failure.
 */
export function replicaSetClient(replicas: readonly UnitConnection[], now: () => number = Date.now): UnitConnection {
  if (replicas.length === 0) throw new Error('a replica set needs at least one replica');
  const refusedUntil = new Array<number>(replicas.length).fill(0);
  let next = 0;

  /** Replica indexes in the order this call tries them: the ones not refusing first, from the round-robin position. */
  const order = (): number[] => {
    const start = next;
    next = (next + 1) % replicas.length;
    const all = replicas.map((_, i) => (start + i) % replicas.length);
    const t = now();
    return [...all.filter((i) => refusedUntil[i]! <= t), ...all.filter((i) => refusedUntil[i]! > t)];
  };

  return {
    async request(pattern, data, deadline, signal, headers) {
      let refusal: unknown;
      for (const i of order()) {
        try {
          const reply = await replicas[i]!.request(pattern, data, deadline, signal, headers);
          refusedUntil[i] = 0;
          return reply;
        } catch (error) {
          if (!neverExecuted(error)) throw error;
          refusedUntil[i] = now() + REFUSED_BACKOFF_MS;
          refusal = error;
          if (now() >= deadline || signal?.aborted) break;
        }
      }
      throw refusal;
    },
    async close() {
      await Promise.all(replicas.map((replica) => replica.close()));
    },
  };
}
