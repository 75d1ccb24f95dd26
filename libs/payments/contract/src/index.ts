export * from './payment.dto';
export * from './payments.errors';
export * from './payments.events';
export * from './payments.port';
export * from './payments.consumes';
