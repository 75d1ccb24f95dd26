export * from './catalog-core.module';
