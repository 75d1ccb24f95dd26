import { BrokenCircuitError, bulkhead, BulkheadRejectedError, CircuitState, circuitBreaker, ConsecutiveBreaker, handleWhen, type BulkheadPolicy, type CircuitBreakerPolicy } from 'cockatiel';
import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import type { ResilienceSettings } from './resilience-settings';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What /health/ready and /metrics show of one remote domain's breaker. */
export interface BreakerView {
  dependency: string;
  peerUnit: string;
  state: BreakerState;
  /** Calls refused at once since the unit started (the breaker open, or the bulkhead full). */
  refused: number;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * Guards the calls to one remote domain: its own circuit breaker (cockatiel; ADR 9), inside the
 * bulkhead of the peer unit hosting it (shared by every domain that unit hosts). Only a failure of
 * the call itself counts against the breaker — the peer unavailable or too slow —, never a domain's
 * answer (a declined payment). Refusals are DependencyUnavailableError with `retryAfterSeconds`.
 */
export class DependencyGuard {
  private readonly breaker: CircuitBreakerPolicy;
  private openedAt = 0;
  private refusedCalls = 0;

  constructor(
    readonly dependency: string,
    readonly peerUnit: string,
    private readonly bulkheadOfPeer: BulkheadPolicy,
    private readonly settings: ResilienceSettings,
  ) {
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof DependencyUnavailableError),
      { halfOpenAfter: settings.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    this.breaker.onStateChange((state) => {
      if (state === CircuitState.Open) this.openedAt = Date.now();
    });
  }

  get state(): BreakerState {
    return STATES[this.breaker.state];
  }

  view(): BreakerView {
    return { dependency: this.dependency, peerUnit: this.peerUnit, state: this.state, refused: this.refusedCalls };
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.bulkheadOfPeer.execute(() => this.breaker.execute(call));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.refusedCalls++;
        const retryAfterSeconds = Math.max(1, Math.ceil((this.openedAt + this.settings.breakerHalfOpenMs - Date.now()) / 1_000));
        throw new DependencyUnavailableError(`${this.dependency} is unavailable (its last ${this.settings.breakerFailures} calls failed); try again in ${retryAfterSeconds} s`, {
          dependency: this.dependency,
          retryAfterSeconds,
        });
      }
      if (error instanceof BulkheadRejectedError) {
        this.refusedCalls++;
        throw new DependencyUnavailableError(`${this.dependency} is unavailable (too many calls waiting for unit ${this.peerUnit}); try again later`, {
          dependency: this.dependency,
          retryAfterSeconds: 1,
        });
      }
      throw error;
    }
  }
}

/** Every guard of one unit: a breaker per remote domain, a bulkhead per peer unit. */
export class DependencyGuards {
  private readonly bulkheads = new Map<string, BulkheadPolicy>();
  private readonly guards = new Map<string, DependencyGuard>();

  constructor(readonly settings: ResilienceSettings) {}

  of(dependency: string, peerUnit: string): DependencyGuard {
    let guard = this.guards.get(dependency);
    if (!guard) {
      let shared = this.bulkheads.get(peerUnit);
      if (!shared) {
        shared = bulkhead(this.settings.bulkheadConcurrent, this.settings.bulkheadQueue);
        this.bulkheads.set(peerUnit, shared);
      }
      guard = new DependencyGuard(dependency, peerUnit, shared, this.settings);
      this.guards.set(dependency, guard);
    }
    return guard;
  }

  views(): BreakerView[] {
    return [...this.guards.values()].map((guard) => guard.view());
  }
}
