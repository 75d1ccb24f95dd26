export * from './orders-core.module';
