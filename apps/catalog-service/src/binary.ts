import { serviceBinary } from '@foodcourt/contract-registry';
import { CatalogCoreModule } from '@foodcourt/catalog-core';

/** The catalog service: the catalog core, everything else remote. */
export const CATALOG_SERVICE = serviceBinary('catalog', CatalogCoreModule);
