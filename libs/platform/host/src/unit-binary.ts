import type { Type } from '@nestjs/common';
import type { JwksSource } from '@foodcourt/platform-auth';
import type { EventInterestByDomain } from '@foodcourt/platform-ports';
import type { PortDefinition } from '@foodcourt/platform-kernel';

/** What one executable contains: the domains it can host, the HTTP API it can serve, every port it can call. */
export interface UnitBinary {
  /** e.g. `monolith`, `payments-service`, `gateway`: named in start-up errors. */
  name: string;
  /** The unit it is when neither --unit nor UNIT says (monolith, gateway, or the domain's name). */
  defaultUnit: string;
  /** The core module of each domain this binary can host in-process. */
  cores: Readonly<Record<string, Type>>;
  /** HTTP modules of the whole API, served by units with `http` on (empty for a service binary). */
  http: readonly Type[];
  /** Every domain's port declaration (contract-registry's DOMAIN_PORTS). */
  ports: Readonly<Record<string, PortDefinition>>;
  /** The event types each domain consumes (contract-registry's DOMAIN_CONSUMES): whom the TCP relay pushes an event to. */
  consumes: EventInterestByDomain;
  /** How a unit without identity gets the token-verification keys (through the identity port). */
  remoteJwksSource: Type<JwksSource>;
}
