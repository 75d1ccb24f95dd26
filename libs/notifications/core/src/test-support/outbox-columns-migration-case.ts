import { openDomainDatabase, qualifiedTableName, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { CreateNotificationTables1764000000200 } from '../deliveries/create-notification-tables.migration';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { DeliveryOutboxColumns1764000000201 } from '../deliveries/delivery-outbox-columns.migration';
import { DeliveryTraceContext1765000000200 } from '../deliveries/delivery-trace-context.migration';

const OLD_MIGRATIONS = [CreateNotificationTables1764000000200];

/**
 * Logs one e-mail with the migrations of before the delivery outbox, then opens the database with
 * the outbox columns migration (and those after it, which the entity of today needs) and returns what the log holds. Shared by the SQLite and the
 * PostgreSQL spec, so the migration is proven on both drivers (raw SQL differs: schemas).
 */
export async function deliveriesAfterOutboxMigration(config: PersistenceConfig): Promise<DeliveryEntity[]> {
  const before = await openDomainDatabase(config, { domain: 'notifications', entities: [], migrations: OLD_MIGRATIONS });
  try {
    // Raw SQL: the entity of before the migration is gone; a table name alone would miss the schema.
    const delivery = qualifiedTableName(before.dataSource, 'delivery');
    await before.transaction((m) =>
      m.query(
        `INSERT INTO ${delivery} (id, event_id, template, recipient, subject, transport, location, created_at)
         VALUES ('0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e', '3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a', 'order-confirmed', 'ann@example.com', 'Hi', 'file', '/x.eml', '2026-01-02T03:04:05.000Z')`,
      ),
    );
  } finally {
    await before.dataSource.destroy();
  }
  const after = await openDomainDatabase(config, {
    domain: 'notifications',
    entities: [DeliveryEntity],
    migrations: [...OLD_MIGRATIONS, DeliveryOutboxColumns1764000000201, DeliveryTraceContext1765000000200],
  });
  try {
    return await after.read((m) => m.find(DeliveryEntity));
  } finally {
    await after.dataSource.destroy();
  }
}
