import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { SerialQueue } from './serial-queue';

const commitHooks = new WeakMap<EntityManager, Array<() => void>>();

/**
 * Runs `hook` once the transaction that `manager` belongs to has committed (never if it rolls
 * back). Outside a DomainDatabase transaction it runs on the next tick.
 */
export function afterCommit(manager: EntityManager, hook: () => void): void {
  const hooks = commitHooks.get(manager);
  if (hooks) hooks.push(hook);
  else setImmediate(hook);
}

/** One domain's database: its DataSource and the only sanctioned way to open a transaction on it. */
export class DomainDatabase {
  private readonly queue: SerialQueue | undefined;

  constructor(
    readonly domain: string,
    readonly dataSource: DataSource,
  ) {
    this.queue = dataSource.options.type === 'better-sqlite3' ? new SerialQueue() : undefined;
  }

  /**
   * Runs `work` in one transaction: everything it writes (business rows, outbox rows) commits
   * together or not at all. Use only `manager` inside `work`: on SQLite a nested read() or
   * transaction() on the same database would wait for this one forever.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let hooks: Array<() => void> = [];
    const run = () =>
      this.dataSource.transaction((manager) => {
        hooks = [];
        commitHooks.set(manager, hooks);
        return work(manager);
      });
    const result = await (this.queue ? this.queue.run(run) : run());
    // The transaction has committed: a failing hook must not make the caller think it did not.
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        new Logger(DomainDatabase.name).error(`after-commit hook failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  /**
   * Runs reads outside a transaction. On SQLite they wait for the transaction in progress
   * (one shared connection would otherwise show its uncommitted rows).
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.queue ? this.queue.run(run) : run();
  }
}
