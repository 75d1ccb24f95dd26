export * from './search-core.module';
export { INDEX_PRODUCT_SUBSCRIBER } from './subscribers/index-product.subscriber';
