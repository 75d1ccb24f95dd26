export * from './auth-errors';
export * from './token-claims';
export * from './jwks-source';
export * from './token-verifier';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
