export * from './notifications.controller';
export * from './notifications-http.module';
