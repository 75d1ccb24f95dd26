export * from './search.controller';
export * from './search-admin.controller';
export * from './search-http.module';
