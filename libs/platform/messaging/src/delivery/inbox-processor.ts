import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { DomainDatabases, type DomainDatabase } from '@foodcourt/platform-persistence';
import { validateDto } from '@foodcourt/platform-kernel';
import { Telemetry } from '@foodcourt/platform-observability';
import { MessagingConfig, retryDelayMs } from '../messaging-config';
import { DeadLetterRecord } from '../records/dead-letter.record';
import { InboxMessageRecord } from '../records/inbox-message.record';
import { withClaimedRows, type PassWrite } from './claimed-rows';
import { Pump } from './pump';
import { traceHandling } from './trace-handling';
import type { Subscription } from './subscription';
import { SubscriptionRegistry } from './subscription-registry';

const BATCH = 50;

/**
 * Runs subscribers on the events in their domain's inbox. Success marks the row done in the
 * handler's own transaction; failure schedules a retry with backoff; after maxAttempts, or at
 * once for a payload that does not match its DTO, the event is parked in dead_letter.
 */
@Injectable()
export class InboxProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxProcessor.name);
  private readonly pump: Pump;

  constructor(
    private readonly databases: DomainDatabases,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly config: MessagingConfig,
    @Optional() private readonly telemetry?: Telemetry,
  ) {
    this.pump = new Pump(InboxProcessor.name, config.pollIntervalMs, () => this.processAll());
  }

  onApplicationBootstrap(): void {
    this.pump.start();
  }

  /** Stops handling once the pass in flight is done (a unit's drain calls it before the app closes). */
  async stop(): Promise<void> {
    await this.pump.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  nudge(): void {
    this.pump.nudge();
  }

  private async processAll(): Promise<boolean> {
    let more = false;
    for (const domain of this.subscriptions.consumerDomains()) {
      if (await this.processBatch(this.databases.get(domain))) more = true;
    }
    return more;
  }

  private processBatch(database: DomainDatabase): Promise<boolean> {
    const due = {
      where: { status: 'pending' as const, nextAttemptAt: LessThanOrEqual(new Date()) },
      order: { receivedAt: 'ASC' as const },
      take: BATCH,
    };
    // Messages another replica of this unit is handling are skipped, not waited for (withClaimedRows).
    return withClaimedRows(database, InboxMessageRecord, due, async (messages, write) => {
      for (const message of messages) {
        const subscription = this.subscriptions.byNameOf(message.subscriber);
        if (subscription) await this.process(write, subscription, message);
      }
      return messages.length === BATCH;
    });
  }

  private async process(write: PassWrite, subscription: Subscription, message: InboxMessageRecord): Promise<void> {
    let payload: object;
    try {
      payload = validateDto(subscription.event.payload, JSON.parse(message.payload));
    } catch (error) {
      await this.deadLetter(write, message, `payload rejected: ${(error as Error).message}`);
      return;
    }
    const event = { id: message.eventId, type: message.type, occurredAt: message.occurredAt, payload };
    try {
      // A CONSUMER span in the trace of the change that published the event.
      await traceHandling(this.telemetry, subscription, message, () =>
        write(async (manager) => {
          await subscription.handle(event, manager);
          await manager.update(
            InboxMessageRecord,
            { eventId: message.eventId, subscriber: message.subscriber },
            { status: 'done', attempts: message.attempts + 1, handledAt: new Date(), lastError: null },
          );
        }),
      );
    } catch (error) {
      await this.recordFailure(write, message, error instanceof Error ? error.message : String(error));
    }
  }

  private async recordFailure(write: PassWrite, message: InboxMessageRecord, reason: string): Promise<void> {
    const attempts = message.attempts + 1;
    if (attempts >= this.config.maxAttempts) {
      await this.deadLetter(write, { ...message, attempts }, reason);
      return;
    }
    const delay = retryDelayMs(this.config, attempts);
    this.logger.warn(`${message.subscriber} failed on event ${message.eventId} (attempt ${attempts}), retry in ${delay} ms: ${reason}`);
    await write((manager) =>
      manager.update(
        InboxMessageRecord,
        { eventId: message.eventId, subscriber: message.subscriber },
        { attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + delay) },
      ),
    );
  }

  private async deadLetter(write: PassWrite, message: InboxMessageRecord, reason: string): Promise<void> {
    this.logger.error(`${message.subscriber} gave up on event ${message.eventId} (${message.type}) after ${message.attempts} attempt(s): ${reason}`);
    await write(async (manager) => {
      await manager.update(
        InboxMessageRecord,
        { eventId: message.eventId, subscriber: message.subscriber },
        { status: 'dead', attempts: message.attempts, lastError: reason },
      );
      await manager.insert(DeadLetterRecord, {
        id: randomUUID(),
        eventId: message.eventId,
        subscriber: message.subscriber,
        type: message.type,
        payload: message.payload,
        attempts: message.attempts,
        error: reason,
        failedAt: new Date(),
      });
    });
  }
}
