export * from './deliveries.dto';
export * from './notifications.port';
export * from './notifications.consumes';
