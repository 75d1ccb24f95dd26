import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import { RebuildIndexInput, RebuildResult, SearchProductsInput, SearchResult } from './search.dto';

/** The search domain's synchronous API: the one declaration local and remote bindings derive from. */
export const SearchPort = definePort('search', {
  search: portMethod({ input: SearchProductsInput, output: SearchResult, idempotent: true, timeoutMs: 2_000 }),
  /** Empties the index and reads every product from the catalog again; repeating it is harmless. */
  rebuild: portMethod({ input: RebuildIndexInput, output: RebuildResult, idempotent: true, timeoutMs: 120_000 }),
});

/** What a caller of the search port can do. */
export type SearchApi = PortApi<typeof SearchPort>;
/** DI token of the search port. */
export const SEARCH_API = SearchPort.token;
