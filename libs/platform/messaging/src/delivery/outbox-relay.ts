import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainDatabases, type DomainDatabase } from '@foodcourt/platform-persistence';
import { MessagingConfig } from '../messaging-config';
import { OutboxEventRecord } from '../records/outbox-event.record';
import { EventTransport } from '@foodcourt/platform-wire';
import { withClaimedRows } from './claimed-rows';
import { Pump } from './pump';

const BATCH = 100;

/**
 * Moves committed outbox events to the transport, oldest first. An event is marked published
 * only after the transport accepted it, so a crash in between re-sends it (consumers dedupe).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pump: Pump;

  constructor(
    private readonly databases: DomainDatabases,
    private readonly transport: EventTransport,
    private readonly config: MessagingConfig,
  ) {
    this.pump = new Pump(OutboxRelay.name, config.pollIntervalMs, () => this.relayAll());
  }

  onApplicationBootstrap(): void {
    if (this.config.relayEnabled) this.pump.start();
    else this.logger.warn('outbox relay is off (OUTBOX_RELAY=off): events stay in the outboxes');
  }

  /** Stops relaying once the pass in flight is done (a unit's drain calls it before the app closes). */
  async stop(): Promise<void> {
    await this.pump.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  nudge(): void {
    this.pump.nudge();
  }

  private async relayAll(): Promise<boolean> {
    let more = false;
    for (const database of this.databases.all()) {
      if (await this.relayBatch(database)) more = true;
    }
    return more;
  }

  private relayBatch(database: DomainDatabase): Promise<boolean> {
    // Rows another replica of this unit is relaying are skipped, not waited for (withClaimedRows).
    const unpublished = { where: { publishedAt: IsNull() }, order: { occurredAt: 'ASC' as const }, take: BATCH };
    return withClaimedRows(database, OutboxEventRecord, unpublished, async (batch, write) => {
      let failed = false;
      const delivered: string[] = [];
      for (const event of batch) {
        try {
          await this.transport.deliver(event);
        } catch (error) {
          // Later events are still tried: one unit being down must not hold back what others can take.
          const message = (error as Error).message;
          this.logger.warn(`event ${event.id} (${event.type}) not delivered yet: ${message}`);
          await write((m) => m.update(OutboxEventRecord, { id: event.id }, { relayAttempts: event.relayAttempts + 1, lastError: message }));
          failed = true;
          continue;
        }
        delivered.push(event.id);
      }
      // One write marks the whole batch instead of one commit per event (commits are most of SQLite's cost here).
      // Still only after the transport accepted each of them: a crash before it re-sends them, and consumers dedupe.
      if (delivered.length > 0) {
        await write((m) => m.update(OutboxEventRecord, { id: In(delivered) }, { publishedAt: new Date(), lastError: null }));
      }
      return !failed && batch.length === BATCH;
    });
  }
}
