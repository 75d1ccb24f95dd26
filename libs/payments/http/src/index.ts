export * from './payments-http.module';
export * from './payments.controller';
