import { Logger, type ArgumentsHost, type LoggerService } from '@nestjs/common';
import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import { AllErrorsFilter } from './all-errors.filter';

describe('AllErrorsFilter logging', () => {
  const lines: { level: string; message: string }[] = [];
  const collector: LoggerService = {
    log: (message: unknown) => lines.push({ level: 'log', message: String(message) }),
    error: (message: unknown) => lines.push({ level: 'error', message: String(message) }),
    warn: (message: unknown) => lines.push({ level: 'warn', message: String(message) }),
  };
  beforeAll(() => Logger.overrideLogger(collector));
  afterAll(() => Logger.overrideLogger(['error', 'warn']));
  beforeEach(() => (lines.length = 0));

  const answer = (error: unknown) => {
    const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
    const reply = {
      header: (name: string, value: string) => void (sent.headers[name] = value),
      status: (code: number) => ((sent.status = code), { send: (body: unknown) => void (sent.body = body) }),
    };
    new AllErrorsFilter().catch(error, { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost);
    return sent;
  };

  it('logs a dependency being unavailable as one warning line, without a stack', () => {
    const sent = answer(new DependencyUnavailableError('payments is unavailable (connection refused); try again later', { dependency: 'payments' }));
    expect(sent.status).toBe(503);
    expect(lines).toEqual([{ level: 'warn', message: '503 DEPENDENCY_UNAVAILABLE: payments is unavailable (connection refused); try again later' }]);
  });

  it('logs the unexpected as an error with its stack, and sends none of it', () => {
    const sent = answer(new Error('ledger row 7 is corrupt'));
    expect(sent).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/^Error: ledger row 7 is corrupt\n\s+at /) });
  });

  it('does not log a client error', () => {
    expect(answer(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 })).status).toBe(400);
    expect(lines).toEqual([]);
  });
});
