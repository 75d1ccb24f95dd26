/** What a caller declares about one call: how long it waits, and whether repeating it is safe. */
export interface CallOptions {
  timeoutMs: number;
  idempotent: boolean;
}
