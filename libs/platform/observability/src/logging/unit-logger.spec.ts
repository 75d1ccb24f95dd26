import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { observabilityConfigFromEnv } from '../config/observability-config';
import { Telemetry } from '../telemetry';
import { createUnitLogger, PinoNestLogger, type UnitLoggerOptions } from './unit-logger';

function capture(options: Partial<UnitLoggerOptions> = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createUnitLogger({ unit: 'orders', topology: 'split-tcp', level: 'debug', format: 'json', destination, ...options });
  return { logger, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the unit logger', () => {
  it('writes one JSON line per entry with the unit, and Nest’s lines with their context', () => {
    const { logger, json } = capture();
    new PinoNestLogger(logger).log('listening on http://127.0.0.1:3000', 'Foodcourt');
    new PinoNestLogger(logger).error('checkout failed', 'Error: boom\n    at x', 'PortServer');
    expect(json()).toEqual([
      expect.objectContaining({ level: 'info', unit: 'orders', topology: 'split-tcp', context: 'Foodcourt', msg: 'listening on http://127.0.0.1:3000' }),
      expect.objectContaining({ level: 'error', context: 'PortServer', msg: 'checkout failed', stack: 'Error: boom\n    at x' }),
    ]);
  });

  it('keeps LOG_LEVEL: below the level nothing is written', () => {
    const { logger, lines } = capture({ level: 'warn' });
    const nest = new PinoNestLogger(logger);
    nest.log('hidden');
    nest.debug('hidden');
    nest.warn('shown');
    expect(lines).toHaveLength(1);
  });

  it('adds traceId, spanId and the domain inside a traced call', async () => {
    const telemetry = new Telemetry(observabilityConfigFromEnv('orders', {}, false), 'orders', 'split-tcp');
    const { logger, json } = capture();
    await telemetry.inSpan('orders.checkout', { kind: 'internal', domain: 'orders' }, async () => {
      logger.info('inside');
      const span = trace.getSpan(context.active())!;
      expect(json()[0]).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, domain: 'orders' });
    });
    logger.info('outside');
    expect(json()[1]).not.toHaveProperty('traceId');
    await telemetry.shutdown();
  });

  it('redacts secrets in structured fields and in free text', () => {
    const { logger, lines } = capture();
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz';
    logger.info({ password: 'hunter2-secret', body: { refreshToken: 'rt-secret-1', accessToken: jwt }, req: { headers: { authorization: `Bearer ${jwt}`, cookie: 'sid=cookie-secret' } } }, 'login');
    logger.warn(`cannot connect to postgres://app:pg-secret@db:5432/orders`);
    logger.warn(`upstream said: authorization: Bearer opaque-secret-token`);
    logger.error({ err: new Error(`SMTP auth failed for smtp://mailer:smtp-secret@mail.example.com:587`) }, 'send failed');
    new PinoNestLogger(logger).error(`refused {"password":"nest-secret"}`, 'Error: at postgres://u:stack-secret@h/db', 'Db');
    const text = lines.join('\n');
    for (const secret of ['hunter2-secret', 'rt-secret-1', jwt, 'cookie-secret', 'pg-secret', 'opaque-secret-token', 'smtp-secret', 'nest-secret', 'stack-secret']) {
      expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    }
    expect(text).toContain('postgres://app:[redacted]@db:5432/orders');
  });

  it('writes readable lines when asked for pretty output', () => {
    const { logger, lines } = capture({ format: 'pretty' });
    new PinoNestLogger(logger).log('hello there', 'Greeter');
    expect(lines.join('\n')).toMatch(/INFO.*hello there/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });

  it('is what a Nest Logger writes through once installed', () => {
    const { logger, json } = capture();
    Logger.overrideLogger(new PinoNestLogger(logger));
    try {
      new Logger('OrdersService').warn('stock is low');
    } finally {
      Logger.overrideLogger(['error', 'warn']);
    }
    expect(json()).toEqual([expect.objectContaining({ level: 'warn', context: 'OrdersService', msg: 'stock is low' })]);
  });
});
