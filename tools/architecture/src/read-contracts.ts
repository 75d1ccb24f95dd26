/**
 * Reads what each domain's contract declares, at run time, from the declarations themselves: the
 * port (DOMAIN_PORTS) and the consumed event types (DOMAIN_CONSUMES) as the contract registry hands
 * them to every binary, and the events as the objects `defineEvent` returned. Nothing is parsed, so
 * the doc shows what the running system uses.
 */
import * as catalogContract from '@foodcourt/catalog-contract';
import { DOMAIN_CONSUMES, DOMAIN_PORTS } from '@foodcourt/contract-registry';
import * as identityContract from '@foodcourt/identity-contract';
import * as notificationsContract from '@foodcourt/notifications-contract';
import * as ordersContract from '@foodcourt/orders-contract';
import * as paymentsContract from '@foodcourt/payments-contract';
import type { EventDefinition, PortDefinition } from '@foodcourt/platform-kernel';
import * as searchContract from '@foodcourt/search-contract';
import type { PortMethodModel } from './architecture-model';

/**
 * Every contract's exports, by domain. The registry lists ports and consumed events but no events,
 * so events are found among the exports; read-contracts.spec.ts fails when a domain of the registry
 * is missing here.
 */
export const CONTRACT_EXPORTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  identity: identityContract,
  catalog: catalogContract,
  search: searchContract,
  orders: ordersContract,
  payments: paymentsContract,
  notifications: notificationsContract,
};

export interface ContractDeclarations {
  domain: string;
  port: PortDefinition | undefined;
  portMethods: PortMethodModel[];
  publishes: string[];
  consumes: string[];
}

/** An EventDefinition by shape: `defineEvent` returns a plain object, so there is no class to test. */
function isEventDefinition(value: unknown): value is EventDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EventDefinition>;
  return typeof candidate.type === 'string' && typeof candidate.payload === 'function' && Object.keys(value).length === 2;
}

/**
 * Event types a contract declares. A contract may re-export another domain's event (or export one
 * under two names): an event belongs to the domain its type is prefixed with (`<domain>.<name>`).
 */
function declaredEvents(domain: string, exports: Readonly<Record<string, unknown>>): string[] {
  const types = Object.values(exports)
    .filter(isEventDefinition)
    .map((event) => event.type)
    .filter((type) => type.startsWith(`${domain}.`));
  return [...new Set(types)].sort();
}

function portMethods(port: PortDefinition | undefined): PortMethodModel[] {
  if (port === undefined) return [];
  return Object.entries(port.methods)
    .map(([name, spec]) => ({ name, idempotent: spec.idempotent, timeoutMs: spec.timeoutMs }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The declarations of every domain the registry knows, sorted by domain. */
export function readContracts(): ContractDeclarations[] {
  const domains = [...new Set([...Object.keys(DOMAIN_PORTS), ...Object.keys(DOMAIN_CONSUMES)])].sort();
  return domains.map((domain) => ({
    domain,
    port: DOMAIN_PORTS[domain],
    portMethods: portMethods(DOMAIN_PORTS[domain]),
    publishes: declaredEvents(domain, CONTRACT_EXPORTS[domain] ?? {}),
    consumes: [...(DOMAIN_CONSUMES[domain] ?? [])].sort(),
  }));
}
