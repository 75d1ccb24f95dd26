import { DependencyUnavailableError, DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';
import { DependencyGuards } from './dependency-guards';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './resilience-settings';

@DomainErrorCode('CARD_DECLINED_SPEC', 'payment-required')
class CardDeclinedError extends DomainError {}

const settings = (overrides: Partial<ResilienceSettings> = {}): ResilienceSettings => ({ ...DEFAULT_RESILIENCE, breakerFailures: 3, breakerHalfOpenMs: 200, ...overrides });
const unavailable = () => Promise.reject(new DependencyUnavailableError('payments did not answer within 5000 ms; try again later', { dependency: 'payments' }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a remote dependency’s guard', () => {
  it('opens after the configured failures in a row, then refuses at once with Retry-After, without calling', async () => {
    const guard = new DependencyGuards(settings()).of('payments', 'payments');
    for (let i = 0; i < 3; i++) await expect(guard.run(unavailable)).rejects.toThrow('did not answer');
    expect(guard.state).toBe('open');
    let called = false;
    const refusal = await guard
      .run(async () => {
        called = true;
        return 'x';
      })
      .catch((error: unknown) => error);
    expect(called).toBe(false);
    expect(refusal).toBeInstanceOf(DependencyUnavailableError);
    expect(refusal).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { dependency: 'payments', retryAfterSeconds: 1 } });
    expect((refusal as Error).message).toMatch(/payments is unavailable \(its last 3 calls failed\)/);
    expect(guard.view()).toEqual({ dependency: 'payments', peerUnit: 'payments', state: 'open', refused: 1 });
  });

  it('lets one probe through after halfOpenMs and closes again when it succeeds', async () => {
    const guard = new DependencyGuards(settings()).of('payments', 'payments');
    for (let i = 0; i < 3; i++) await guard.run(unavailable).catch(() => undefined);
    await sleep(250);
    await expect(guard.run(async () => 'paid')).resolves.toBe('paid');
    expect(guard.state).toBe('closed');
  });

  it('does not count a domain’s own answer (a declined card) as a failure of the dependency', async () => {
    const guard = new DependencyGuards(settings()).of('payments', 'payments');
    for (let i = 0; i < 10; i++) await expect(guard.run(() => Promise.reject(new CardDeclinedError('declined')))).rejects.toBeInstanceOf(CardDeclinedError);
    expect(guard.state).toBe('closed');
  });

  it('shares one bulkhead per peer unit: beyond its slots and queue a call is refused with 503 at once', async () => {
    const guards = new DependencyGuards(settings({ bulkheadConcurrent: 1, bulkheadQueue: 1 }));
    const catalog = guards.of('catalog', 'shop');
    const search = guards.of('search', 'shop');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = catalog.run(() => held);
    const queued = search.run(async () => 'queued');
    await expect(search.run(async () => 'third')).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', details: { retryAfterSeconds: 1 } });
    release();
    await first;
    await expect(queued).resolves.toBe('queued');
  });
});
