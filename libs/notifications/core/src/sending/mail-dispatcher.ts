import { Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { MessagingConfig, Pump } from '@foodcourt/platform-messaging';
import { Telemetry, traceContextHeaders } from '@foodcourt/platform-observability';
import { InjectDomainDatabase, type DomainDatabase } from '@foodcourt/platform-persistence';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import type { SentMail } from '../mail/mail-sender';
import { Mailer } from '../mail/mailer';
import { NOTIFICATIONS_DOMAIN } from '../notifications-domain';
import { DeliveryFailures } from './delivery-failures';

const BATCH = 20;
const logger = new Logger('MailDispatcher');

/** Why a delivery found SENDING at start-up is not sent again by itself. */
export const INTERRUPTED_SEND =
  'the process stopped while handing this e-mail over, so it may already have been delivered; ' +
  'not resent automatically (a replay sends it again with the same Message-ID)';

/**
 * Sends the e-mails subscribers recorded, after the transaction that recorded them committed.
 *
 * A row goes PENDING → SENDING (committed before the send) → SENT. The SENDING mark is what keeps
 * a send from ever being repeated by itself:
 * - a redelivered event finds its row, whatever its status, and sends nothing (MailDeliveryService);
 * - a process that dies before the claim leaves PENDING: the next start (or pass) sends it, once;
 * - a send that fails with an error (refused, unreachable) is retried with backoff under the same
 *   Message-ID, then FAILED and dead-lettered. (A connection lost after the server stored the message
 *   but before it said so looks like any other error to a client: that rare case is resent, and the
 *   Message-ID is what lets the receiver drop the copy);
 * - a process that dies during the send leaves SENDING, and nobody can tell whether the server took
 *   the message. We choose at most once for that case: at start-up such a row becomes FAILED and
 *   dead-lettered with INTERRUPTED_SEND, for an operator to replay or drop, rather than mail the
 *   customer a second receipt. Resending with the same Message-ID would be at least once, relying
 *   on every receiver to drop duplicates by Message-ID, which not all do.
 * One process owns the notifications database (as for its inbox), so a SENDING row at start-up is
 * never another process's send in progress.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: Pump;

  constructor(
    @InjectDomainDatabase(NOTIFICATIONS_DOMAIN) private readonly database: DomainDatabase,
    private readonly mailer: Mailer,
    private readonly failures: DeliveryFailures,
    config: MessagingConfig,
    @Optional() private readonly telemetry?: Telemetry,
  ) {
    this.loop = new Pump(MailDispatcher.name, config.pollIntervalMs, () => this.sendDue());
  }

  async onApplicationBootstrap(): Promise<void> {
    const removed = await this.mailer.removeLeftovers();
    if (removed > 0) logger.warn(`removed ${removed} e-mail file(s) a crash left half-written (never sent; their deliveries are handled below)`);
    await this.reportInterruptedSends();
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops sending, after the send in flight (if any) is recorded. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** A delivery was just recorded: send it now rather than at the next poll. */
  nudge(): void {
    this.loop.nudge();
  }

  private async reportInterruptedSends(): Promise<void> {
    const interrupted = await this.database.read((m) => m.find(DeliveryEntity, { where: { status: 'SENDING' } }));
    for (const row of interrupted) {
      await this.database.transaction((m) => this.failures.giveUp(m, row, row.attempts + 1, INTERRUPTED_SEND));
    }
  }

  private async sendDue(): Promise<boolean> {
    const due = await this.database.read((m) =>
      m.find(DeliveryEntity, {
        where: { status: 'PENDING', nextAttemptAt: LessThanOrEqual(new Date()) },
        order: { createdAt: 'ASC' },
        take: BATCH,
      }),
    );
    for (const row of due) await this.traced(row, () => this.sendOne(row));
    return due.length === BATCH;
  }

  /** The send as a span (`mail.send`) in the trace of the event that asked for it. */
  private traced(row: DeliveryEntity, send: () => Promise<void>): Promise<void> {
    if (!this.telemetry) return send();
    const attributes = { 'foodcourt.delivery_id': row.id, 'foodcourt.mail_template': row.template, 'foodcourt.mail_transport': row.transport, 'messaging.message.id': row.eventId };
    return this.telemetry.inSpan('mail.send', { kind: 'client', parent: traceContextHeaders(row.traceContext), domain: NOTIFICATIONS_DOMAIN, attributes }, send);
  }

  private async sendOne(row: DeliveryEntity): Promise<void> {
    if (!(await this.claim(row))) return;
    let sent: SentMail;
    try {
      sent = await this.mailer.send({ deliveryId: row.id, to: row.recipient, subject: row.subject, text: row.textBody ?? '', html: row.htmlBody ?? '' });
    } catch (error) {
      await this.database.transaction((m) => this.failures.retryOrGiveUp(m, row, error instanceof Error ? error.message : String(error)));
      return;
    }
    logger.log(`sent ${row.template} e-mail ${row.id} (event ${row.eventId}) over ${row.transport}`);
    // If this write fails the row stays SENDING: reported at the next start, never sent twice.
    await this.database.transaction((m) =>
      m.update(DeliveryEntity, { id: row.id }, { ...sent, status: 'SENT', attempts: row.attempts + 1, sentAt: new Date(), nextAttemptAt: null, lastError: null }),
    );
  }

  /** PENDING → SENDING, committed before the send; false if the row is no longer PENDING. */
  private async claim(row: DeliveryEntity): Promise<boolean> {
    const result = await this.database.transaction((m) => m.update(DeliveryEntity, { id: row.id, status: 'PENDING' }, { status: 'SENDING' }));
    return result.affected === 1;
  }
}
