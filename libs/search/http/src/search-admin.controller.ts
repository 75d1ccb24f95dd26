import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@foodcourt/platform-auth';
import { RebuildIndexInput, RebuildResult, SEARCH_API, type SearchApi } from '@foodcourt/search-contract';

/** Operator endpoints of the search domain (admins only). */
@ApiTags('search')
@ApiBearerAuth()
@Controller('admin/search')
export class SearchAdminController {
  constructor(@Inject(SEARCH_API) private readonly search: SearchApi) {}

  @Post('rebuild')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Rebuild the search index from the catalog',
    description: 'Empties the index and reads every product from the catalog again. Events keep being applied meanwhile; searches may see a partial index until it ends.',
  })
  @ApiBody({ type: RebuildIndexInput, required: false })
  @ApiOkResponse({ type: RebuildResult })
  @ApiBadRequestResponse({ description: 'The body is invalid (code VALIDATION_FAILED)' })
  @ApiUnauthorizedResponse({ description: 'No valid access token (code UNAUTHORIZED)' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin (code FORBIDDEN)' })
  @ApiServiceUnavailableResponse({ description: 'The search domain or the catalog cannot answer now' })
  rebuild(@Body() body: RebuildIndexInput): Promise<RebuildResult> {
    return this.search.rebuild(body);
  }
}
