import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthorizationResult, PaymentProvider } from './payment-provider';
import type { SimulatedProviderConfig } from './simulated-provider.config';

/**
 * The embedded default provider: approves up to a configured amount, declines above it, waits a
 * configured latency on every call. Deterministic per reference, like a real PSP's idempotency key.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  constructor(private readonly config: SimulatedProviderConfig) {}

  async authorize(amount: number, currency: string, reference: string): Promise<AuthorizationResult> {
    await this.latency();
    if (amount > this.config.declineOver) {
      return { approved: false, reason: `amount ${amount} ${currency} is over the limit of ${this.config.declineOver}` };
    }
    return { approved: true, reference: `sim_${createHash('sha256').update(reference).digest('hex').slice(0, 32)}` };
  }

  async capture(_reference: string): Promise<void> {
    await this.latency();
  }

  async refund(_reference: string): Promise<void> {
    await this.latency();
  }

  private async latency(): Promise<void> {
    if (this.config.latencyMs > 0) await sleep(this.config.latencyMs);
  }
}
