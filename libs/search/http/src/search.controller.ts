import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { SEARCH_API, SearchProductsInput, SearchResult, type SearchApi } from '@foodcourt/search-contract';

/** HTTP face of the search port for everyone: product search. Works with a local or a remote port. */
@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(@Inject(SEARCH_API) private readonly search: SearchApi) {}

  @Get('products')
  @Public()
  @ApiOperation({
    summary: 'Search products',
    description:
      'Full-text search over name and description (a hit in the name ranks higher; the last word matches as a prefix), ' +
      'filtered by price and stock, best first; without q every product by name. No token needed.',
  })
  @ApiOkResponse({ type: SearchResult })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (code VALIDATION_FAILED, naming it)' })
  @ApiServiceUnavailableResponse({ description: 'The search domain cannot answer now' })
  products(@Query() query: SearchProductsInput): Promise<SearchResult> {
    return this.search.search(query);
  }
}
