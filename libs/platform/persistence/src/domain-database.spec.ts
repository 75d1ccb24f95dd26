import 'reflect-metadata';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterCommit, type DomainDatabase } from './domain-database';
import { openDomainDatabase } from './open-domain-database';
import { tempDataDir, Thing, THING_DEFINITION } from './spec-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTicks = () => new Promise((resolve) => setImmediate(resolve));

describe('DomainDatabase (SQLite)', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: DomainDatabase;

  beforeEach(async () => {
    data = tempDataDir();
    db = await openDomainDatabase(data.config, { domain: 'ledger', ...THING_DEFINITION });
  });
  afterEach(async () => {
    if (db.dataSource.isInitialized) await db.dataSource.destroy();
    data.remove();
  });

  /** Counts rows through a second connection: it only sees what has been committed. */
  function committedRows(): number {
    const other = new Database(join(data.dir, 'ledger.sqlite'), { readonly: true });
    try {
      return (other.prepare('SELECT COUNT(*) AS n FROM thing').get() as { n: number }).n;
    } finally {
      other.close();
    }
  }

  const countRows = () => db.read((m) => m.count(Thing));

  it('commits what the work wrote and resolves with its result', async () => {
    const result = await db.transaction(async (m) => {
      await m.insert(Thing, { id: '1', name: 'a' });
      await m.insert(Thing, { id: '2', name: 'b' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(committedRows()).toBe(2);
  });

  it('rolls back everything when the work throws, and rejects with that error', async () => {
    await db.transaction((m) => m.insert(Thing, { id: '0', name: 'kept' }));
    const failing = db.transaction(async (m) => {
      await m.insert(Thing, { id: '1', name: 'a' });
      await m.update(Thing, '0', { count: 99 });
      throw new Error('business rule broken');
    });
    await expect(failing).rejects.toThrow('business rule broken');
    expect(await countRows()).toBe(1);
    expect(committedRows()).toBe(1);
    expect((await db.read((m) => m.findOneByOrFail(Thing, { id: '0' }))).count).toBe(0);
  });

  it('serializes overlapping transactions: 20 read-modify-write increments lose no update', async () => {
    await db.transaction((m) => m.insert(Thing, { id: 'counter', name: 'counter', count: 0 }));
    const increment = () =>
      db.transaction(async (m) => {
        const row = await m.findOneByOrFail(Thing, { id: 'counter' });
        await sleep(1);
        await m.update(Thing, 'counter', { count: row.count + 1 });
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect((await db.read((m) => m.findOneByOrFail(Thing, { id: 'counter' }))).count).toBe(20);
  });

  it('keeps a failing transaction from affecting overlapping ones', async () => {
    const results = await Promise.allSettled([
      db.transaction((m) => m.insert(Thing, { id: '1', name: 'a' })),
      db.transaction(async (m) => {
        await m.insert(Thing, { id: '2', name: 'b' });
        await sleep(2);
        throw new Error('nope');
      }),
      db.transaction((m) => m.insert(Thing, { id: '3', name: 'c' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.read((m) => m.find(Thing, { order: { id: 'ASC' } }))).map((t) => t.id)).toEqual(['1', '3']);
  });

  it('runs afterCommit hooks once the transaction has committed', async () => {
    const seenByHooks: number[] = [];
    let workDone = false;
    await db.transaction(async (m) => {
      await m.insert(Thing, { id: '1', name: 'a' });
      afterCommit(m, () => seenByHooks.push(committedRows()));
      afterCommit(m, () => seenByHooks.push(committedRows() * 10));
      await sleep(1);
      expect(seenByHooks).toEqual([]);
      workDone = true;
    });
    expect(workDone).toBe(true);
    expect(seenByHooks).toEqual([1, 10]);
  });

  it('never runs afterCommit hooks of a transaction that rolled back', async () => {
    const hook = jest.fn();
    await expect(
      db.transaction(async (m) => {
        afterCommit(m, hook);
        await m.insert(Thing, { id: '1', name: 'a' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await sleep(5);
    expect(hook).not.toHaveBeenCalled();
    // The next transaction's hooks are its own: the dropped hook does not resurface.
    const next = jest.fn();
    await db.transaction(async (m) => afterCommit(m, next));
    expect(next).toHaveBeenCalledTimes(1);
    expect(hook).not.toHaveBeenCalled();
  });

  it('runs an afterCommit hook registered outside a transaction on a later tick', async () => {
    const hook = jest.fn();
    afterCommit(db.dataSource.manager, hook);
    expect(hook).not.toHaveBeenCalled();
    await nextTicks();
    expect(hook).toHaveBeenCalledTimes(1);
  });

  it('read() does not see the rows of a transaction still in progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const events: string[] = [];

    const transaction = db
      .transaction(async (m) => {
        await m.insert(Thing, { id: '1', name: 'uncommitted' });
        inserted();
        await gate;
        throw new Error('changed my mind');
      })
      .catch(() => events.push('rolled back'));
    await insertedSignal;
    const read = countRows().then((n) => {
      events.push(`read ${n}`);
      return n;
    });
    await sleep(10);
    expect(events).toEqual([]);
    release();
    expect(await read).toBe(0);
    await transaction;
    expect(events).toEqual(['rolled back', 'read 0']);
  });

  it('read() sees rows once their transaction has committed', async () => {
    await db.transaction((m) => m.insert(Thing, { id: '1', name: 'a' }));
    expect(await countRows()).toBe(1);
  });
});
