import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createTransport } from 'nodemailer';
import { messageIdFor, type MailSender, type OutgoingMail, type SentMail } from './mail-sender';

/**
 * Writes each e-mail as `<mailDir>/<deliveryId>.eml`: to a temp file first, flushed, then
 * renamed, so a crash never leaves half a message and re-sending overwrites the same file.
 */
export class FileMailSender implements MailSender {
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly mailDir: string,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageIdFor(mail.deliveryId),
    });
    const path = join(this.mailDir, `${mail.deliveryId}.eml`);
    await this.writeAtomically(path, info.message as Buffer);
    return { transport: 'file', location: path };
  }

  close(): void {
    this.transporter.close();
  }

  private async writeAtomically(path: string, content: Buffer): Promise<void> {
    await mkdir(this.mailDir, { recursive: true });
    const temp = join(this.mailDir, `.${basename(path)}.${randomUUID()}.tmp`);
    try {
      const file = await open(temp, 'w');
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
