export * from './password-policy';
export * from './identity.dto';
export * from './identity.errors';
export * from './identity.events';
export * from './identity.port';
export * from './identity.consumes';
