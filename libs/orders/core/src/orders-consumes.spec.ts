import 'reflect-metadata';
import { ORDERS_CONSUMES } from '@foodcourt/orders-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { startOrdersContext } from './testing/orders-test-context';

// Other units push this core an event only if ORDERS_CONSUMES lists its type (ADR 5): keep the two in step.
describe('orders core: the event types it consumes', () => {
  it('registers subscribers for exactly the types ORDERS_CONSUMES declares', async () => {
    const t = await startOrdersContext();
    try {
      expect(consumptionMismatch(t.app, 'orders', ORDERS_CONSUMES, 'ORDERS_CONSUMES in libs/orders/contract/src/orders.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
