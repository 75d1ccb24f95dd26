import 'reflect-metadata';
import { PAYMENTS_CONSUMES } from '@foodcourt/payments-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { startPaymentsContext } from './testing/payments-test-context';

// Other units push this core an event only if PAYMENTS_CONSUMES lists its type (ADR 5): keep the two in step.
describe('payments core: the event types it consumes', () => {
  it('registers subscribers for exactly the types PAYMENTS_CONSUMES declares', async () => {
    const t = await startPaymentsContext();
    try {
      expect(consumptionMismatch(t.app, 'payments', PAYMENTS_CONSUMES, 'PAYMENTS_CONSUMES in libs/payments/contract/src/payments.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
