import { createTransport } from 'nodemailer';
import { messageIdFor, type MailSender, type OutgoingMail, type SentMail } from './mail-sender';

/** How long to wait for an SMTP server before the attempt fails (and the platform retries later). */
export const SMTP_CONNECT_TIMEOUT_MS = 5_000;

/** Hands each e-mail to an SMTP server, with a deterministic Message-ID `<deliveryId@foodcourt.local>`. */
export class SmtpMailSender implements MailSender {
  private readonly transporter;

  constructor(url: string, from: string) {
    this.transporter = createTransport(
      {
        url,
        connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
        greetingTimeout: SMTP_CONNECT_TIMEOUT_MS,
        socketTimeout: 2 * SMTP_CONNECT_TIMEOUT_MS,
      },
      { from },
    );
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageIdFor(mail.deliveryId),
    });
    return { transport: 'smtp', location: info.messageId };
  }

  destinationOf(deliveryId: string): SentMail {
    return { transport: 'smtp', location: messageIdFor(deliveryId) };
  }

  close(): void {
    this.transporter.close();
  }
}
