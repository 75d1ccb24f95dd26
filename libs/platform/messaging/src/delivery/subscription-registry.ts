import { Injectable } from '@nestjs/common';
import type { Subscription } from './subscription';

/** Subscriptions hosted by this process, by event type. */
@Injectable()
export class SubscriptionRegistry {
  private readonly byName = new Map<string, Subscription>();

  /** Registers a subscriber; a name used twice is a programming error. */
  subscribe<P extends object>(subscription: Subscription<P>): void {
    if (this.byName.has(subscription.name)) throw new Error(`subscriber "${subscription.name}" is registered twice`);
    this.byName.set(subscription.name, subscription as unknown as Subscription);
  }

  forEventType(type: string): Subscription[] {
    return [...this.byName.values()].filter((s) => s.event.type === type);
  }

  /** Event types that subscribers of `domain` consume here (every domain's when none is given), sorted. */
  eventTypes(domain?: string): string[] {
    const subscriptions = [...this.byName.values()].filter((s) => domain === undefined || s.domain === domain);
    return [...new Set(subscriptions.map((s) => s.event.type))].sort();
  }

  byNameOf(name: string): Subscription | undefined {
    return this.byName.get(name);
  }

  /** Domains that have at least one subscriber here. */
  consumerDomains(): string[] {
    return [...new Set([...this.byName.values()].map((s) => s.domain))];
  }
}
