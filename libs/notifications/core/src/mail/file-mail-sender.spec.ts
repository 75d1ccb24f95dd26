import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileMailSender } from './file-mail-sender';

describe('FileMailSender', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mail-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mail = (subject: string) => ({
    deliveryId: '0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e',
    to: 'ann@example.com',
    subject,
    text: 'hello',
    html: '<p>hello</p>',
  });

  it('writes one .eml per delivery, overwriting on re-send, and leaves no temp file', async () => {
    const sender = new FileMailSender(join(dir, 'mail'), 'Foodcourt <no-reply@foodcourt.local>');
    const first = await sender.send(mail('first'));
    const second = await sender.send(mail('second'));
    sender.close();

    expect(first).toEqual({ transport: 'file', location: join(dir, 'mail', '0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml') });
    expect(second).toEqual(first);
    expect(readdirSync(join(dir, 'mail'))).toEqual(['0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml']);
    const raw = readFileSync(first.location, 'utf8');
    expect(raw).toContain('Subject: second');
    expect(raw).toContain('To: ann@example.com');
    expect(raw).toContain('Message-ID: <0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e@foodcourt.local>');
    expect(raw).not.toContain('\r\n');
  });

  it('removes at start the temp files a crash left mid-write, and nothing else', async () => {
    const mailDir = join(dir, 'mail');
    mkdirSync(mailDir);
    writeFileSync(join(mailDir, '0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml'), 'sent');
    writeFileSync(join(mailDir, '.0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml.3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a.tmp'), 'half');
    writeFileSync(join(mailDir, 'notes.txt'), 'an operator’s file');
    const sender = new FileMailSender(mailDir, 'Foodcourt <no-reply@foodcourt.local>');
    expect(await sender.removeLeftovers()).toBe(1);
    expect(readdirSync(mailDir).sort()).toEqual(['0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml', 'notes.txt']);
    expect(await new FileMailSender(join(dir, 'missing'), 'x@y.z').removeLeftovers()).toBe(0);
    sender.close();
  });
});
