export * from './orders-http.module';
export * from './orders.controller';
