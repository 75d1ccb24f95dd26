import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller';

/** The catalog HTTP API. Needs CATALOG_API bound in the application (local core or remote proxy) and AuthModule. */
@Module({ controllers: [ProductsController] })
export class CatalogHttpModule {}
