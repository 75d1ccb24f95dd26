export * from './identity-core.module';
export { IdentityConfig, identityConfigFromEnv, LOGIN_WINDOW_SECONDS } from './config/identity-config';
export { LocalJwksSource } from './tokens/local-jwks-source';
