// The `@foodcourt/payments-contract/testing` entry: spec support only, never imported by production code.
export * from './fake-payments';
export * from './payments-port.contract';
export * from './an-authorization';
