export * from './identity-port-jwks-source';
export * from './domain-ports';
export * from './binaries';
export * from './domain-consumes';
