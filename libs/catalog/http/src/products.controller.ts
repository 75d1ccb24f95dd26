import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public, Roles } from '@foodcourt/platform-auth';
import {
  CATALOG_API,
  CreateProductInput,
  ListProductsInput,
  ProductChanges,
  ProductList,
  ProductView,
  type CatalogApi,
} from '@foodcourt/catalog-contract';
import { SkuParamPipe } from './sku-param.pipe';

const SKU_PARAM = { name: 'sku', example: 'PIZZA-MARGHERITA', description: '1-64 upper-case letters, digits or dashes' };

/**
 * Products over HTTP: anyone reads, admins write. Talks to the catalog port only; stock is
 * reserved and released by orders through the port, never over HTTP.
 */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(@Inject(CATALOG_API) private readonly catalog: CatalogApi) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Products ordered by SKU, a page at a time, with the total' })
  @ApiOkResponse({ type: ProductList })
  @ApiBadRequestResponse({ description: 'limit or offset out of range, or an unknown parameter (code VALIDATION_FAILED)' })
  list(@Query() query: ListProductsInput): Promise<ProductList> {
    return this.catalog.list(query);
  }

  @Get(':sku')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'One product' })
  @ApiParam(SKU_PARAM)
  @ApiOkResponse({ type: ProductView })
  @ApiBadRequestResponse({ description: 'sku is not a valid SKU (code VALIDATION_FAILED)' })
  @ApiNotFoundResponse({ description: 'No such product (code PRODUCT_NOT_FOUND)' })
  get(@Param('sku', SkuParamPipe) sku: string): Promise<ProductView> {
    return this.catalog.get({ sku });
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a product (admin)' })
  @ApiCreatedResponse({ type: ProductView })
  @ApiBadRequestResponse({ description: 'Invalid body (code VALIDATION_FAILED, naming each field)' })
  @ApiUnauthorizedResponse({ description: 'No valid access token (code UNAUTHORIZED)' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin (code FORBIDDEN)' })
  @ApiConflictResponse({ description: 'A product with this SKU exists already (code PRODUCT_EXISTS)' })
  create(@Body() body: CreateProductInput): Promise<ProductView> {
    return this.catalog.create(body);
  }

  @Patch(':sku')
  @Roles('admin')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change some fields of a product (admin)' })
  @ApiParam(SKU_PARAM)
  @ApiOkResponse({ type: ProductView })
  @ApiBadRequestResponse({ description: 'Invalid SKU or body (code VALIDATION_FAILED, naming each field)' })
  @ApiUnauthorizedResponse({ description: 'No valid access token (code UNAUTHORIZED)' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin (code FORBIDDEN)' })
  @ApiNotFoundResponse({ description: 'No such product (code PRODUCT_NOT_FOUND)' })
  update(@Param('sku', SkuParamPipe) sku: string, @Body() body: ProductChanges): Promise<ProductView> {
    return this.catalog.update({ ...body, sku });
  }
}
