import 'reflect-metadata';
import type { DomainDatabase } from './domain-database';
import { openDomainDatabase } from './open-domain-database';
import { tempDataDir, Thing, THING_DEFINITION } from './spec-fixtures';
import { isUniqueViolation } from './unique-violation';

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to reject the write');
}

describe('isUniqueViolation', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: DomainDatabase;

  beforeAll(async () => {
    // TypeORM logs every failed query (logging: ['error']); these failures are the point of the test.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    data = tempDataDir();
    db = await openDomainDatabase(data.config, { domain: 'uniq', ...THING_DEFINITION });
    await db.transaction((m) => m.insert(Thing, { id: '1', name: 'taken' }));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await db.dataSource.destroy();
    data.remove();
  });

  it('is true for a duplicate primary key inserted through TypeORM', async () => {
    const error = await errorOf(db.transaction((m) => m.insert(Thing, { id: '1', name: 'other' })));
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('is true for a duplicate value of a unique column', async () => {
    const error = await errorOf(db.transaction((m) => m.insert(Thing, { id: '2', name: 'taken' })));
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('is false for another constraint violation', async () => {
    const error = await errorOf(db.transaction((m) => m.query('INSERT INTO thing (id, name) VALUES (?, NULL)', ['3'])));
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('is false for an SQL error and for things that are not database errors', async () => {
    expect(isUniqueViolation(await errorOf(db.read((m) => m.query('SELECT * FROM no_such_table'))))).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
  });

  it('is true for a PostgreSQL unique violation (code 23505), top-level or as driverError', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ driverError: { code: '23505' } })).toBe(true);
  });
});
