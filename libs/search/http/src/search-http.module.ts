import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { SearchAdminController } from './search-admin.controller';
import { SearchController } from './search.controller';

/** A module that provides (and exports) the SEARCH_API token, local or remote. */
export type SearchPortModule = NonNullable<ModuleMetadata['imports']>[number];

/**
 * The search HTTP endpoints (behind the app's global auth guard: search is public, rebuild is
 * admin-only). Import it as is when SEARCH_API is provided globally, or with `withPort(module)`
 * naming the module that exports the port.
 */
@Module({ controllers: [SearchController, SearchAdminController] })
export class SearchHttpModule {
  static withPort(portModule: SearchPortModule): DynamicModule {
    return { module: SearchHttpModule, imports: [portModule] };
  }
}
