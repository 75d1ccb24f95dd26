import 'reflect-metadata';
import { NOTIFICATIONS_CONSUMES } from '@foodcourt/notifications-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { NotificationsTestApp } from './test-support/notifications-test-app';

// Other units push this core an event only if NOTIFICATIONS_CONSUMES lists its type (ADR 5): keep the two in step.
describe('notifications core: the event types it consumes', () => {
  it('registers subscribers for exactly the types NOTIFICATIONS_CONSUMES declares', async () => {
    const t = await NotificationsTestApp.start();
    try {
      expect(consumptionMismatch(t.app, 'notifications', NOTIFICATIONS_CONSUMES, 'NOTIFICATIONS_CONSUMES in libs/notifications/contract/src/notifications.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
