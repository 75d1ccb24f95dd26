export * from './notifications-core.module';
export { MailConfig, MailEnv, mailConfigFromEnv, DEFAULT_MAIL_FROM } from './mail/mail-config';
export { deliveryIdFor } from './deliveries/delivery-id';
