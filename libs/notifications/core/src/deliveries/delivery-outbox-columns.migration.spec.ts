import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDomainDatabase } from '@foodcourt/platform-persistence';
import { CreateNotificationTables1764000000200 } from './create-notification-tables.migration';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryOutboxColumns1764000000201 } from './delivery-outbox-columns.migration';

describe('DeliveryOutboxColumns migration (real SQLite)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'notifications-migration-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the e-mails logged before it as SENT, sent when they were logged, so none is sent again', async () => {
    const before = await openDomainDatabase({ driver: 'sqlite', dataDir }, { domain: 'notifications', entities: [], migrations: [CreateNotificationTables1764000000200] });
    await before.transaction((m) =>
      m.query(
        `INSERT INTO delivery (id, event_id, template, recipient, subject, transport, location, created_at)
         VALUES ('0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e', '3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a', 'order-confirmed', 'ann@example.com', 'Hi', 'file', '/x.eml', '2026-01-02T03:04:05.000Z')`,
      ),
    );
    await before.dataSource.destroy();

    const after = await openDomainDatabase(
      { driver: 'sqlite', dataDir },
      { domain: 'notifications', entities: [DeliveryEntity], migrations: [CreateNotificationTables1764000000200, DeliveryOutboxColumns1764000000201] },
    );
    try {
      const rows = await after.read((m) => m.find(DeliveryEntity));
      expect(rows).toEqual([
        expect.objectContaining({ status: 'SENT', attempts: 0, sentAt: new Date('2026-01-02T03:04:05.000Z'), location: '/x.eml', textBody: null }),
      ]);
    } finally {
      await after.dataSource.destroy();
    }
  });
});
