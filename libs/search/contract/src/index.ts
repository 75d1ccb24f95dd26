export * from './search.dto';
export * from './search.port';
