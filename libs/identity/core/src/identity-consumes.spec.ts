import 'reflect-metadata';
import { IDENTITY_CONSUMES } from '@foodcourt/identity-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { startIdentityContext } from './testing/identity-test-context';

// Other units push this core an event only if IDENTITY_CONSUMES lists its type (ADR 5): keep the two in step.
describe('identity core: the event types it consumes', () => {
  it('registers subscribers for exactly the types IDENTITY_CONSUMES declares', async () => {
    const t = await startIdentityContext();
    try {
      expect(consumptionMismatch(t.app, 'identity', IDENTITY_CONSUMES, 'IDENTITY_CONSUMES in libs/identity/contract/src/identity.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
