import 'reflect-metadata';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import type { EntityManager } from 'typeorm';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { type EventDefinition } from '@foodcourt/platform-kernel';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { applyEnv, startDomainTestApp, type DomainTestApp } from '@foodcourt/platform-testing';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { NotificationsCoreModule } from '../notifications-core.module';

/** A notifications core on a real SQLite database and real mail files in a fresh temp dir. */
export class NotificationsTestApp {
  private constructor(
    private readonly started: DomainTestApp,
    private readonly restoreEnv: () => void,
    private readonly ownsDataDir: boolean,
  ) {}

  /**
   * Starts the app (relay on) with MAIL_TRANSPORT (default: file) and DATA_DIR pointing at a fresh temp
   * dir, or at `dataDir` to start again on what an earlier app left (that dir is then the caller's to delete).
   */
  static async start(mailTransport = 'file', dataDir?: string): Promise<NotificationsTestApp> {
    const ownsDataDir = dataDir === undefined;
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'notifications-'));
    const restoreEnv = applyEnv({ DATA_DIR: dir, MAIL_TRANSPORT: mailTransport, MAIL_FROM: undefined });
    try {
      return new NotificationsTestApp(await startDomainTestApp({ imports: [NotificationsCoreModule], dataDir: dir }), restoreEnv, ownsDataDir);
    } catch (error) {
      restoreEnv();
      if (ownsDataDir) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get app(): TestingModule {
    return this.started.app;
  }

  get dataDir(): string {
    return this.started.dataDir;
  }

  get database(): DomainDatabase {
    return this.started.database('notifications');
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
    return this.database.read((m) => m.find(DeliveryEntity, { order: { createdAt: 'ASC' } }));
  }

  async close(): Promise<void> {
    try {
      await this.started.close();
    } finally {
      this.restoreEnv();
      if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
