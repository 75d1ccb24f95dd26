// The `@foodcourt/catalog-contract/testing` entry: spec support only, never imported by production code.
export * from './fake-catalog';
export * from './catalog-port.contract';
