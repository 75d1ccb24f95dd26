import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailTemplateName } from '@foodcourt/notifications-contract';
import { Telemetry, traceContextText } from '@foodcourt/platform-observability';
import { afterCommit } from '@foodcourt/platform-persistence';
import { deliveryIdFor } from '../deliveries/delivery-id';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { Mailer } from '../mail/mailer';
import { MailDispatcher } from '../sending/mail-dispatcher';
import { renderMail, type TemplatePayloads } from '../templates/template-registry';

/** One e-mail an event asks for, and the subscriber asking. */
export interface MailRequest<N extends MailTemplateName> {
  subscriber: string;
  eventId: string;
  template: N;
  recipient: string;
  payload: TemplatePayloads[N];
}

/**
 * Records the e-mail an event asks for, once per (event, template), with `manager`: the subscriber's
 * transaction, so the PENDING row commits together with the inbox row. Nothing is sent here: the
 * MailDispatcher sends after the commit, so a commit that fails can never have mailed anyone.
 */
@Injectable()
export class MailDeliveryService {
  constructor(
    private readonly mailer: Mailer,
    private readonly dispatcher: MailDispatcher,
    @Optional() private readonly telemetry?: Telemetry,
  ) {}

  async deliver<N extends MailTemplateName>(manager: EntityManager, request: MailRequest<N>): Promise<void> {
    const id = deliveryIdFor(request.eventId, request.template);
    const existing = await manager.findOne(DeliveryEntity, { where: { id } });
    if (existing?.status === 'FAILED') await this.rearm(manager, id);
    else if (!existing) await this.record(manager, id, request);
    else return; // a redelivered event: its e-mail is on its way or sent already
    afterCommit(manager, () => this.dispatcher.nudge());
  }

  private async record<N extends MailTemplateName>(manager: EntityManager, id: string, request: MailRequest<N>): Promise<void> {
    const rendered = renderMail(request.template, request.payload);
    const now = new Date();
    await manager.insert(DeliveryEntity, {
      id,
      eventId: request.eventId,
      subscriber: request.subscriber,
      template: request.template,
      recipient: request.recipient,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      status: 'PENDING',
      ...this.mailer.destinationOf(id),
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
      traceContext: traceContextText(this.telemetry?.outgoingHeaders()),
    });
  }

  /**
   * A FAILED delivery's event comes back only when an operator replays its dead letter: that is
   * the decision to try again, so the delivery gets a fresh set of attempts.
   */
  private async rearm(manager: EntityManager, id: string): Promise<void> {
    await manager.update(DeliveryEntity, { id }, { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lastError: null });
  }
}
