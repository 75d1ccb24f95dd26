import { isIP } from 'node:net';
import { startNestServer, type UnitTransport } from '@foodcourt/platform-wire';
import { tcpEndpoint, type TcpEndpoint } from './tcp-endpoint';
import { TcpEventTransport } from './tcp-event-transport';
import { replicaSetClient } from './replica-set-client';
import { tcpUnitClient } from './tcp-unit-client';
import { UnitServerTcp } from './unit-server-tcp';

/** Units over plain TCP: Nest's ServerTCP answers, a lean client calls, the relay pushes events to each unit. */
export const tcpTransport: UnitTransport<TcpEndpoint> = {
  kind: 'tcp',
  endpoint: tcpEndpoint,
  connect: (endpoint) =>
    endpoint.replicas ? replicaSetClient(endpoint.replicas.map((replica) => tcpUnitClient(replica.host, replica.port))) : tcpUnitClient(endpoint.host, endpoint.port),
  listen: (endpoint, handlers) =>
    // An address by name (a Kubernetes Service) cannot be bound by the pod behind it: listen on every interface then.
    startNestServer(new UnitServerTcp({ host: isIP(endpoint.host) ? endpoint.host : '0.0.0.0', port: endpoint.port }), handlers, {
      unit: endpoint.unit,
      transport: 'tcp',
      address: `${endpoint.host}:${endpoint.port}`,
    }),
  events: (context) => new TcpEventTransport(context),
};
