import 'reflect-metadata';
import type { DomainDatabase } from './domain-database';
import { openDomainDatabase } from './open-domain-database';
import { tempDataDir, Thing, THING_DEFINITION } from './spec-fixtures';

describe('IsoDateColumn', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: DomainDatabase;

  beforeAll(async () => {
    data = tempDataDir();
    db = await openDomainDatabase(data.config, { domain: 'dates', ...THING_DEFINITION });
  });
  afterAll(async () => {
    await db.dataSource.destroy();
    data.remove();
  });

  it('stores a Date as ISO-8601 UTC text and reads it back as an equal Date', async () => {
    const at = new Date('2026-01-02T03:04:05.678+02:00');
    await db.transaction((m) => m.save(m.create(Thing, { id: '1', name: 'a', at })));

    const [raw] = await db.read((m) => m.query(`SELECT at, typeof(at) AS kind FROM thing WHERE id = '1'`));
    expect(raw).toEqual({ at: '2026-01-02T01:04:05.678Z', kind: 'text' });

    const loaded = await db.read((m) => m.findOneByOrFail(Thing, { id: '1' }));
    expect(loaded.at).toBeInstanceOf(Date);
    expect(loaded.at!.getTime()).toBe(at.getTime());
  });

  it('keeps null as null', async () => {
    await db.transaction((m) => m.save(m.create(Thing, { id: '2', name: 'b', at: null })));
    const [raw] = await db.read((m) => m.query(`SELECT at FROM thing WHERE id = '2'`));
    expect(raw).toEqual({ at: null });
    expect((await db.read((m) => m.findOneByOrFail(Thing, { id: '2' }))).at).toBeNull();
  });

  it('orders correctly as text', async () => {
    const dates = ['2026-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z', '2026-02-01T10:00:00.000Z'];
    await db.transaction(async (m) => {
      for (const [i, iso] of dates.entries()) await m.insert(Thing, { id: `o${i}`, name: `o${i}`, at: new Date(iso) });
    });
    const ordered = await db.read((m) => m.createQueryBuilder(Thing, 't').where(`t.id LIKE 'o%'`).orderBy('t.at', 'ASC').getMany());
    expect(ordered.map((t) => t.at!.toISOString())).toEqual([...dates].sort());
  });
});
