import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveriesAfterOutboxMigration } from '../test-support/outbox-columns-migration-case';

describe('DeliveryOutboxColumns migration (real SQLite)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'notifications-migration-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the e-mails logged before it as SENT, sent when they were logged, so none is sent again', async () => {
    expect(await deliveriesAfterOutboxMigration({ driver: 'sqlite', dataDir })).toEqual([
      expect.objectContaining({ status: 'SENT', attempts: 0, sentAt: new Date('2026-01-02T03:04:05.000Z'), location: '/x.eml', textBody: null }),
    ]);
  });
});
