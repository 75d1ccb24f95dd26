/** An unexpected failure inside another unit: the HTTP layer answers 500, as it would for a local one. */
export class RemoteInternalError extends Error {
  constructor(readonly target: string) {
    super(`${target} failed unexpectedly (see its log)`);
    this.name = 'RemoteInternalError';
  }
}
