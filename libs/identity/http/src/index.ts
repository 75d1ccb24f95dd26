export * from './identity-http.module';
export * from './identity.controller';
export * from './jwks.controller';
export * from './too-many-attempts.filter';
export * from './signing-keys-admin.controller';
