export * from './product.dto';
export * from './catalog.errors';
export * from './catalog.events';
export * from './catalog.port';
export * from './catalog.consumes';
