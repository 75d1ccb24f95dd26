import type { EntityManager, EntityTarget, FindManyOptions, ObjectLiteral } from 'typeorm';
import type { DomainDatabase } from '@foodcourt/platform-persistence';

/** Writes of one pass over claimed rows: each commits alone, or not at all. */
export type PassWrite = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Runs one pass of the relay or the inbox over rows no other replica is working on (docs/adr/0010).
 *
 * PostgreSQL: the rows are selected FOR UPDATE SKIP LOCKED in a transaction held for the pass,
 * so a second replica's pass takes the next rows instead of the same ones, and a replica that
 * dies mid-pass releases its rows with its connection. Each write of the pass is a savepoint of
 * that transaction: a failing handler undoes its own writes only. The pass's writes become
 * visible when it ends.
 *
 * SQLite: one process owns the files (replicas are refused at start), so the rows are read as
 * they are and each write is a transaction of its own, as before replicas existed.
 */
export async function withClaimedRows<E extends ObjectLiteral, R>(
  database: DomainDatabase,
  entity: EntityTarget<E>,
  query: FindManyOptions<E>,
  pass: (rows: E[], write: PassWrite) => Promise<R>,
): Promise<R> {
  if (database.dataSource.options.type !== 'postgres') {
    const rows = await database.read((manager) => manager.find(entity, query));
    return pass(rows, (work) => database.transaction(work));
  }
  return database.transaction(async (manager) => {
    const rows = await manager.find(entity, { ...query, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
    return pass(rows, (work) => manager.transaction(work));
  });
}
