import { serviceBinary } from '@foodcourt/contract-registry';
import { SearchCoreModule } from '@foodcourt/search-core';

/** The search service: the search core, everything else remote. */
export const SEARCH_SERVICE = serviceBinary('search', SearchCoreModule);
