import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createTransport } from 'nodemailer';
import { messageIdFor, type MailSender, type OutgoingMail, type SentMail } from './mail-sender';

/** What writeAtomically's temp files are named. */
const LEFTOVER = /^\..+\.eml\.[0-9a-f-]{36}\.tmp$/;

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
    const sent = this.destinationOf(mail.deliveryId);
    await this.writeAtomically(sent.location, info.message as Buffer);
    return sent;
  }

  destinationOf(deliveryId: string): SentMail {
    return { transport: 'file', location: join(this.mailDir, `${deliveryId}.eml`) };
  }

  close(): void {
    this.transporter.close();
  }

  /**
   * Deletes the temp files of writes a crash interrupted (`.<id>.eml.<uuid>.tmp`): never renamed, so
   * never an e-mail. One process owns the notifications database and this folder (as for its
   * inbox), so no temp file found at start is another process's write in progress.
   */
  async removeLeftovers(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.mailDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const leftovers = names.filter((name) => LEFTOVER.test(name));
    await Promise.all(leftovers.map((name) => rm(join(this.mailDir, name), { force: true })));
    return leftovers.length;
  }

  private async writeAtomically(path: string, content: Buffer): Promise<void> {
    const temp = join(this.mailDir, `.${basename(path)}.${randomUUID()}.tmp`);
    try {
      const file = await this.openCreatingDir(temp);
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

  /** Opens `temp` for writing; the mail folder is created only when it is missing, not before every e-mail. */
  private async openCreatingDir(temp: string): Promise<FileHandle> {
    try {
      return await open(temp, 'w');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.mailDir, { recursive: true });
      return open(temp, 'w');
    }
  }
}
