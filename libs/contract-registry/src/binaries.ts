import type { Type } from '@nestjs/common';
import { IdentityPortJwksSource } from './identity-port-jwks-source';
import type { UnitBinary } from '@foodcourt/platform-host';
import { DOMAIN_CONSUMES } from './domain-consumes';
import { DOMAIN_PORTS } from './domain-ports';

/** The binary of one domain's service: its core only, every other domain reached remotely, no HTTP API. */
export function serviceBinary(domain: string, core: Type): UnitBinary {
  return {
    name: `${domain}-service`,
    defaultUnit: domain,
    cores: { [domain]: core },
    http: [],
    ports: DOMAIN_PORTS,
    consumes: DOMAIN_CONSUMES,
    remoteJwksSource: IdentityPortJwksSource,
  };
}

/** A binary that serves the whole HTTP API and hosts no domain: every call goes to the units hosting them. */
export function gatewayBinary(http: readonly Type[]): UnitBinary {
  return { name: 'gateway', defaultUnit: 'gateway', cores: {}, http, ports: DOMAIN_PORTS, consumes: DOMAIN_CONSUMES, remoteJwksSource: IdentityPortJwksSource };
}
