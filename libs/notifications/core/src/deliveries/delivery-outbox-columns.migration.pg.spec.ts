import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { deliveriesAfterOutboxMigration } from '../test-support/outbox-columns-migration-case';

const ADMIN_URL = process.env['FOODCOURT_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `foodcourt_notifications_pg_${process.pid}`;
const psql = (sql: string) => execFileSync('psql', [ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = () => Object.assign(new URL(ADMIN_URL), { pathname: `/${DB}` }).toString();

describe('DeliveryOutboxColumns migration (real PostgreSQL, schema "notifications")', () => {
  beforeAll(() => {
    psql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    psql(`CREATE DATABASE ${DB}`);
  });
  afterAll(() => psql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));

  it('keeps the e-mails logged before it as SENT, sent when they were logged, so none is sent again', async () => {
    expect(await deliveriesAfterOutboxMigration({ driver: 'postgres', dataDir: './data', databaseUrl: url() })).toEqual([
      expect.objectContaining({ status: 'SENT', attempts: 0, sentAt: new Date('2026-01-02T03:04:05.000Z'), location: '/x.eml', textBody: null }),
    ]);
  });
});
