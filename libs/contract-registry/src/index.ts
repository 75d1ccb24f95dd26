export { IdentityPortJwksSource } from '@foodcourt/identity-contract';
export * from './domain-ports';
export * from './binaries';
export * from './domain-consumes';
