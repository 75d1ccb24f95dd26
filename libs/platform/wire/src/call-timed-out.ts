/** The caller's deadline passed (or it aborted) before the unit answered: the request may still run there. */
export class CallTimedOut extends Error {
  constructor(message = 'the caller stopped waiting for the answer') {
    super(message);
    this.name = 'CallTimedOut';
  }
}
