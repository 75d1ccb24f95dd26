export * from './payments-core.module';
export * from './provider/payment-provider';
export * from './provider/simulated-provider.config';
export * from './provider/simulated-payment-provider';
