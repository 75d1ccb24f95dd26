export * from './search.dto';
export * from './search.port';
export * from './search.consumes';
