import { Socket } from 'node:net';
import { Logger, type LoggerService } from '@nestjs/common';
import { valueReply } from '@foodcourt/platform-wire';
import { tcpTransport } from './tcp-transport';
import { freePort } from './testing/free-port';
import { tcpUnitClient } from './tcp-unit-client';

describe('a unit served over TCP', () => {
  const lines: { level: string; message: string }[] = [];
  const collector: LoggerService = {
    log: (message: unknown) => lines.push({ level: 'log', message: String(message) }),
    error: (message: unknown) => lines.push({ level: 'error', message: String(message) }),
    warn: (message: unknown) => lines.push({ level: 'warn', message: String(message) }),
  };
  beforeAll(() => Logger.overrideLogger(collector));
  afterAll(() => Logger.overrideLogger(['error', 'warn']));

  it('logs a caller that breaks its frame as one warning and keeps serving', async () => {
    const port = await freePort();
    const server = await tcpTransport.listen({ unit: 'payments', transport: 'tcp', namespace: 'spec', host: '127.0.0.1', port }, [['payments.ping', async () => valueReply('pong')]]);
    try {
      const broken = new Socket();
      await new Promise<void>((resolve) => broken.connect(port, '127.0.0.1', resolve));
      broken.write('12x#{"pattern":"payments.ping"'); // a length that is not a number, then the caller dies
      broken.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));

      const client = tcpUnitClient('127.0.0.1', port);
      await expect(client.request('payments.ping', {}, Date.now() + 2_000)).resolves.toEqual(valueReply('pong'));
      await client.close();
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringMatching(/connection broke mid-message.*keeps serving/)]);
    } finally {
      await server.close();
    }
  });
});
