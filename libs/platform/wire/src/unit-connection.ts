import type { CallHeaders } from './call-headers';

/**
 * Sends one request to a unit and resolves to its reply. It rejects with CallTimedOut once
 * `deadline` (epoch ms, when the caller stops waiting) passes or `signal` aborts, and forgets
 * the request then (a late reply is dropped); with the transport's error if the request could
 * not be delivered or answered. A broker may drop a request still waiting at its deadline.
 * `headers` (the trace context) travel in the transport's envelope beside `data`.
 */
export interface UnitConnection {
  request(pattern: string, data: unknown, deadline: number, signal?: AbortSignal, headers?: CallHeaders): Promise<unknown>;
  close(): Promise<void>;
}
