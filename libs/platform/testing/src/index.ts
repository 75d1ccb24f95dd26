export * from './wait-for';
export * from './free-port';
export * from './unit-process';
