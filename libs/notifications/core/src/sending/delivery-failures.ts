import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeadLetterRecord, InboxMessageRecord, MessagingConfig, retryDelayMs } from '@foodcourt/platform-messaging';
import { DeliveryEntity } from '../deliveries/delivery.entity';

/**
 * What happens to a delivery whose send did not succeed: another attempt later, with the platform's
 * backoff and attempt limit (EVENT_MAX_ATTEMPTS, EVENT_RETRY_*: they used to govern the send when it
 * ran inside the subscriber), or, after the last attempt, FAILED.
 */
@Injectable()
export class DeliveryFailures {
  private readonly logger = new Logger(DeliveryFailures.name);

  constructor(private readonly config: MessagingConfig) {}

  /** Records a failed attempt (`row.attempts` is the count before it): PENDING again later, or FAILED after the last. */
  async retryOrGiveUp(manager: EntityManager, row: DeliveryEntity, reason: string): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= this.config.maxAttempts) {
      await this.giveUp(manager, row, attempts, reason);
      return;
    }
    const delay = retryDelayMs(this.config, attempts);
    this.logger.warn(`e-mail ${row.id} (${row.template}) failed (attempt ${attempts}), retry in ${delay} ms: ${reason}`);
    await manager.update(DeliveryEntity, { id: row.id }, { status: 'PENDING', attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + delay) });
  }

  /**
   * Marks the delivery FAILED and parks its event in the dead-letter list under the subscriber that
   * recorded it: one list of stuck work for operators, and its replay hands the event back to that
   * subscriber, which re-arms the delivery (MailDeliveryService) for a fresh set of attempts.
   */
  async giveUp(manager: EntityManager, row: DeliveryEntity, attempts: number, reason: string): Promise<void> {
    this.logger.error(`gave up on e-mail ${row.id} (${row.template}) for event ${row.eventId} after ${attempts} attempt(s): ${reason}`);
    await manager.update(DeliveryEntity, { id: row.id }, { status: 'FAILED', attempts, lastError: reason, nextAttemptAt: null });
    if (!row.subscriber) return;
    const key = { eventId: row.eventId, subscriber: row.subscriber };
    const inbox = await manager.findOne(InboxMessageRecord, { where: key });
    if (!inbox) return;
    await manager.update(InboxMessageRecord, key, { status: 'dead', lastError: reason });
    await manager.delete(DeadLetterRecord, key);
    await manager.insert(DeadLetterRecord, {
      id: randomUUID(),
      ...key,
      type: inbox.type,
      payload: inbox.payload,
      attempts,
      error: reason,
      failedAt: new Date(),
    });
  }
}
