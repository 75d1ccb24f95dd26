import 'reflect-metadata';

export * from './unit-binary';
export * from './unit.module';
export * from './start-unit';
export * from './config/app-config';
export * from './unit-transports';
