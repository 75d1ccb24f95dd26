import 'reflect-metadata';
import { SEARCH_CONSUMES } from '@foodcourt/search-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { SearchTestApp } from './test-support/search-test-app';

// Other units push this core an event only if SEARCH_CONSUMES lists its type (ADR 5): keep the two in step.
describe('search core: the event types it consumes', () => {
  it('registers subscribers for exactly the types SEARCH_CONSUMES declares', async () => {
    const t = await SearchTestApp.start();
    try {
      expect(consumptionMismatch(t.app, 'search', SEARCH_CONSUMES, 'SEARCH_CONSUMES in libs/search/contract/src/search.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
