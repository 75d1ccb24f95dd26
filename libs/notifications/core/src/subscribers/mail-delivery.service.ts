import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailTemplateName } from '@foodcourt/notifications-contract';
import { deliveryIdFor } from '../deliveries/delivery-id';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { Mailer } from '../mail/mailer';
import { renderMail, type TemplatePayloads } from '../templates/template-registry';

/** One e-mail an event asks for. */
export interface MailRequest<N extends MailTemplateName> {
  eventId: string;
  template: N;
  recipient: string;
  payload: TemplatePayloads[N];
}

/**
 * Sends the e-mail an event asks for at most once per (event, template) and records it with
 * `manager`, the subscriber's transaction, so the row commits with the inbox row. A send that
 * throws propagates: the platform retries with backoff, then dead-letters.
 */
@Injectable()
export class MailDeliveryService {
  constructor(private readonly mailer: Mailer) {}

  async deliver<N extends MailTemplateName>(manager: EntityManager, request: MailRequest<N>): Promise<void> {
    const id = deliveryIdFor(request.eventId, request.template);
    if (await manager.exists(DeliveryEntity, { where: { id } })) return;
    const rendered = renderMail(request.template, request.payload);
    const sent = await this.mailer.send({ deliveryId: id, to: request.recipient, ...rendered });
    await manager.insert(DeliveryEntity, {
      id,
      eventId: request.eventId,
      template: request.template,
      recipient: request.recipient,
      subject: rendered.subject,
      transport: sent.transport,
      location: sent.location,
      createdAt: new Date(),
    });
  }
}
