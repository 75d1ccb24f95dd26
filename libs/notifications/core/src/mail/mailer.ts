import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FileMailSender } from './file-mail-sender';
import { MailConfig } from './mail-config';
import type { MailSender, OutgoingMail, SentMail } from './mail-sender';
import { SmtpMailSender } from './smtp-mail-sender';

/** Sends e-mail the way MailConfig says: files (default) or SMTP. Failures are thrown to the caller. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly sender: MailSender;

  constructor(config: MailConfig) {
    this.sender =
      config.transport === 'smtp' ? new SmtpMailSender(config.smtpUrl!, config.from) : new FileMailSender(config.mailDir, config.from);
  }

  send(mail: OutgoingMail): Promise<SentMail> {
    return this.sender.send(mail);
  }

  destinationOf(deliveryId: string): SentMail {
    return this.sender.destinationOf(deliveryId);
  }

  removeLeftovers(): Promise<number> {
    return this.sender.removeLeftovers?.() ?? Promise.resolve(0);
  }

  onApplicationShutdown(): void {
    this.sender.close();
  }
}
