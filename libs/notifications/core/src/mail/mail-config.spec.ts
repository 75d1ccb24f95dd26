import 'reflect-metadata';
import { resolve } from 'node:path';
import { DEFAULT_MAIL_FROM, mailConfigFromEnv } from './mail-config';

describe('mailConfigFromEnv', () => {
  it('defaults to files under ./data/mail', () => {
    expect(mailConfigFromEnv({})).toEqual({ transport: 'file', from: DEFAULT_MAIL_FROM, mailDir: resolve('data', 'mail'), smtpUrl: undefined });
  });

  it('reads an SMTP URL, a sender and the data directory', () => {
    const config = mailConfigFromEnv({ MAIL_TRANSPORT: 'smtps://user:secret@mail.internal:465', MAIL_FROM: 'shop@example.com', DATA_DIR: '/tmp/x' });
    expect(config).toEqual({ transport: 'smtp', smtpUrl: 'smtps://user:secret@mail.internal:465', from: 'shop@example.com', mailDir: '/tmp/x/mail' });
  });

  it('accepts an SMTP host without a top-level domain', () => {
    expect(mailConfigFromEnv({ MAIL_TRANSPORT: 'smtp://127.0.0.1:1025' }).transport).toBe('smtp');
    expect(mailConfigFromEnv({ MAIL_TRANSPORT: 'smtp://mailhog:1025' }).transport).toBe('smtp');
  });

  it.each([
    [{ MAIL_TRANSPORT: 'http://mail.example.com' }, 'MAIL_TRANSPORT'],
    [{ MAIL_TRANSPORT: 'FILE' }, 'MAIL_TRANSPORT'],
    [{ MAIL_TRANSPORT: '' }, 'MAIL_TRANSPORT'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'A <a@b.c>\r\nBcc: x@y.z' }, 'MAIL_FROM'],
    [{ DATA_DIR: '' }, 'DATA_DIR'],
  ])('rejects %j naming %s, without echoing the value', (env, variable) => {
    expect(() => mailConfigFromEnv(env)).toThrow(new RegExp(`^Invalid mail configuration: .*${variable}`));
  });

  it('never puts SMTP credentials in the error', () => {
    expect(() => mailConfigFromEnv({ MAIL_TRANSPORT: 'smtpx://user:secret@host' })).toThrow(/^(?!.*secret)/s);
  });
});
