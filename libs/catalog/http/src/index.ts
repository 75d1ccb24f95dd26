export * from './catalog-http.module';
export * from './products.controller';
