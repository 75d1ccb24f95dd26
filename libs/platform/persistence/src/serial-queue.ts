/**
 * Runs async work one at a time, in arrival order. SQLite has one writer and TypeORM's
 * better-sqlite3 driver shares one connection, so overlapping transactions would silently
 * nest; queueing them keeps each transaction whole.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
