import 'reflect-metadata';
import { describeCatalogPortContract } from '@foodcourt/catalog-contract/testing';
import { startCatalogContext } from './testing/catalog-test-context';

// The contract the fakes of other domains' tests are held to, run against the real core.
describeCatalogPortContract('the catalog core on SQLite', async () => {
  const ctx = await startCatalogContext();
  return { port: ctx.catalog, close: ctx.close };
});
