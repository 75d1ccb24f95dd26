export * from './wait-for';
export * from './free-port';
export * from './unit-process';
export * from './test-identity';
export * from './http-test-app';
export * from './thrown-by';
export * from './domain-test-app';
export * from './env';
