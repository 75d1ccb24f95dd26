/** What a caller declares about one call: how long it waits, and whether repeating it is safe. */
export interface CallOptions {
  timeoutMs: number;
  idempotent: boolean;
  /** Retries of an idempotent call whose request did not arrive, after the first attempt (default 2, ADR 6). Ignored unless idempotent. */
  retries?: number;
}
