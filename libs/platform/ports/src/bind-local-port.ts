import type { Provider, Type } from '@nestjs/common';
import { createLocalBinding, type PortApi, type PortDefinition } from '@foodcourt/platform-kernel';

/** A Nest provider binding `port.token` to the in-process implementation class. */
export function bindLocalPort<P extends PortDefinition>(port: P, implementation: Type<PortApi<P>>): Provider {
  return {
    provide: port.token,
    useFactory: (impl: PortApi<P>) => createLocalBinding(port, impl),
    inject: [implementation],
  };
}
