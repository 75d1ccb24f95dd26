import 'reflect-metadata';
import { CATALOG_CONSUMES } from '@foodcourt/catalog-contract';
import { consumptionMismatch } from '@foodcourt/platform-testing';
import { startCatalogContext } from './testing/catalog-test-context';

// Other units push this core an event only if CATALOG_CONSUMES lists its type (ADR 5): keep the two in step.
describe('catalog core: the event types it consumes', () => {
  it('registers subscribers for exactly the types CATALOG_CONSUMES declares', async () => {
    const t = await startCatalogContext();
    try {
      expect(consumptionMismatch(t.app, 'catalog', CATALOG_CONSUMES, 'CATALOG_CONSUMES in libs/catalog/contract/src/catalog.consumes.ts')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
