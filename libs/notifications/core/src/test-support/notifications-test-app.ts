import 'reflect-metadata';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { EntityManager } from 'typeorm';
import { EventPublisher, MessagingModule, type EventDefinition, type MessagingConfig } from '@foodcourt/platform-messaging';
import { DomainDatabases, PersistenceModule, type DomainDatabase, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { NotificationsCoreModule } from '../notifications-core.module';

const MESSAGING: MessagingConfig = { relayEnabled: true, pollIntervalMs: 20, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 50 };

/** A notifications core on a real SQLite database and real mail files in a fresh temp dir. */
export class NotificationsTestApp {
  private constructor(
    readonly app: TestingModule,
    readonly dataDir: string,
    private readonly restoreEnv: () => void,
  ) {}

  /** Starts the app with MAIL_TRANSPORT (default: file) and DATA_DIR pointing at the temp dir. */
  static async start(mailTransport = 'file'): Promise<NotificationsTestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'notifications-'));
    const restoreEnv = setEnv({ DATA_DIR: dataDir, MAIL_TRANSPORT: mailTransport, MAIL_FROM: undefined });
    try {
      const app = await Test.createTestingModule({
        imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir } as PersistenceConfig), MessagingModule.forRoot(MESSAGING), NotificationsCoreModule],
      }).compile();
      await app.init();
      return new NotificationsTestApp(app, dataDir, restoreEnv);
    } catch (error) {
      restoreEnv();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get database(): DomainDatabase {
    return this.app.get(DomainDatabases).get('notifications');
  }

  /** Writes the event into the notifications outbox, as its publisher would; the relay delivers it. */
  publish<P extends object>(event: EventDefinition<P>, payload: P): Promise<string> {
    return this.database.transaction((m: EntityManager) => this.app.get(EventPublisher).publish(m, event, payload));
  }

  emlFiles(): string[] {
    const dir = join(this.dataDir, 'mail');
    return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.eml')) : [];
  }

  mailDirEntries(): string[] {
    const dir = join(this.dataDir, 'mail');
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  deliveries(): Promise<DeliveryEntity[]> {
    return this.database.read((m) => m.find(DeliveryEntity));
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      this.restoreEnv();
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

function setEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(saved);
}
