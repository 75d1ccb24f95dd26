import 'reflect-metadata';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { defineEvent } from '@foodcourt/platform-kernel';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, SubscriptionRegistry } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { consumptionMismatch } from './declared-consumption';
import { startDomainTestApp, type DomainTestApp } from './domain-test-app';

class Sold {}
const TicketSold = defineEvent('box-office.ticket-sold', Sold);
const TicketPrinted = defineEvent('box-office.ticket-printed', Sold);

@Injectable()
class ProbeSubscribers implements OnModuleInit {
  constructor(private readonly registry: SubscriptionRegistry) {}
  onModuleInit(): void {
    this.registry.subscribe({ name: 'probe.count-sold', domain: 'probe', event: TicketSold, handle: async () => undefined });
    this.registry.subscribe({ name: 'probe.audit-sold', domain: 'probe', event: TicketSold, handle: async () => undefined });
    this.registry.subscribe({ name: 'other.printed', domain: 'other', event: TicketPrinted, handle: async () => undefined });
  }
}

@Module({
  imports: [PersistenceModule.forDomain({ domain: 'probe', entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS] })],
  providers: [ProbeSubscribers],
})
class ProbeCoreModule {}

describe('consumptionMismatch', () => {
  let t: DomainTestApp;
  beforeAll(async () => {
    t = await startDomainTestApp({ imports: [ProbeCoreModule], messaging: { relayEnabled: false } });
  });
  afterAll(() => t.close());

  it("is null when the declaration lists exactly the types the domain's subscribers register", () => {
    expect(consumptionMismatch(t.app, 'probe', [TicketSold.type], 'PROBE_CONSUMES')).toBeNull();
  });

  it('says what to add and what to remove, naming the declaration', () => {
    expect(consumptionMismatch(t.app, 'probe', [], 'PROBE_CONSUMES')).toBe(
      'add box-office.ticket-sold to PROBE_CONSUMES (a probe subscriber consumes it; other units would never push it here)',
    );
    expect(consumptionMismatch(t.app, 'probe', [TicketSold.type, TicketPrinted.type], 'PROBE_CONSUMES')).toBe(
      'remove box-office.ticket-printed from PROBE_CONSUMES (no probe subscriber consumes it; it only costs pushes)',
    );
  });
});
