import type { MailTransportKind } from '@foodcourt/notifications-contract';
import type { RenderedMail } from '../templates/mail-template';

/** One e-mail ready to leave: its delivery id (file name / Message-ID) and recipient. */
export interface OutgoingMail extends RenderedMail {
  deliveryId: string;
  to: string;
}

/** Where an e-mail went. */
export interface SentMail {
  transport: MailTransportKind;
  /** File path or SMTP Message-ID. */
  location: string;
}

/** One way of sending e-mail; sending the same delivery again must not make a second copy where avoidable. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Where `send` will put this delivery: the same for every attempt, so it is known (and recorded) before the send. */
  destinationOf(deliveryId: string): SentMail;
  /** Clears what a send interrupted by a crash may have left (a file sender's temp files); run before the first send. */
  removeLeftovers?(): Promise<number>;
  close(): void;
}

/** The deterministic Message-ID of a delivery, so receivers can drop a re-sent copy. */
export function messageIdFor(deliveryId: string): string {
  return `<${deliveryId}@foodcourt.local>`;
}
