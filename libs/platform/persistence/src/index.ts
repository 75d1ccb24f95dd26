export * from './persistence-config';
export * from './domain-database';
export * from './open-domain-database';
export * from './persistence.module';
export * from './unique-violation';
export * from './serial-queue';
export * from './iso-date-column';
export * from './domain-database-url';
