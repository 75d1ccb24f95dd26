import type { Provider, Type } from '@nestjs/common';
import { createLocalBinding, type PortApi, type PortDefinition } from '@foodcourt/platform-kernel';
import { instrumentPort, Telemetry } from '@foodcourt/platform-observability';

/**
 * A Nest provider binding `port.token` to the in-process implementation class, traced and
 * counted as a local call when the unit has telemetry (a domain's own tests may not).
 */
export function bindLocalPort<P extends PortDefinition>(port: P, implementation: Type<PortApi<P>>): Provider {
  return {
    provide: port.token,
    useFactory: (impl: PortApi<P>, telemetry?: Telemetry) => instrumentPort(port, createLocalBinding(port, impl), { binding: 'local' }, telemetry),
    inject: [implementation, { token: Telemetry, optional: true }],
  };
}
