export * from './deliveries.dto';
export * from './notifications.port';
