// What travels between units, whatever carries it: the reply envelope, the failures a call can
// meet, the event on the wire, and the interface every transport library implements.
export * from './reply-envelope';
export * from './remote-internal-error';
export * from './call-timed-out';
export * from './transport-failure';
export * from './call-options';
export * from './pending-requests';
export * from './nest-reply';
export * from './unit-connection';
export * from './rpc-handler';
export * from './call-headers';
export * from './unit-endpoint';
export * from './unit-transport';
export * from './event-transport';
export * from './wire-event';
export * from './event-trace-context';
export * from './broker-event';
export * from './nest-request-fast-path';
export * from './start-nest-server';
export * from './broker-url';
