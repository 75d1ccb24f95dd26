// Ports bound across units: a local binding in the hosting unit, a remote proxy elsewhere, the
// unit's server and connections, over whichever transports the binary ships.
export * from './bind-local-port';
export * from './remote-call';
export * from './remote-binding';
export * from './port-handlers';
export * from './rpc-handlers';
export * from './unit-transports';
export * from './unit-endpoints';
export * from './unit-directory';
export * from './unit-connections';
export * from './unit-events';
export * from './unit-server-host';
export * from './peer-event-interest';
export * from './remote-ports.module';
export * from './resilience/dependency-guards';
export * from './resilience/resilience-settings';
