import type { CallOptions } from './call-options';
import type { EventTransport } from './event-transport';
import type { RpcHandler } from './rpc-handler';
import type { UnitConnection } from './unit-connection';
import type { EndpointInput, UnitEndpoint } from './unit-endpoint';

/** The transport server of one unit, answering every registered pattern. */
export interface UnitServer {
  /** Where it listens, for the start-up log. */
  readonly where: string;
  /** Calls being answered right now. */
  readonly inFlight: number;
  /**
   * Stops taking calls (later ones are turned away unexecuted: the caller sends them again) and
   * resolves once every call already taken is answered. `close()` still follows.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** What a transport needs to move this unit's events to the others. */
export interface UnitEventContext<E extends UnitEndpoint = UnitEndpoint> {
  readonly self: string;
  readonly endpoint: E;
  /** Whether this unit hosts a domain (a gateway hosts none and consumes nothing). */
  readonly hostsDomains: boolean;
  /** Every unit hosting a domain, this one included. */
  readonly consumers: readonly string[];
  /** `consumers` without this unit. */
  readonly peers: readonly string[];
  /** Delivery to this unit's own subscribers (inbox rows). */
  readonly local: EventTransport;
  /** Whether `peer` hosts a domain that may consume events of `type`. */
  mayConsume(peer: string, type: string): boolean;
  /** A port-style call to another unit (typed errors, 503 on transport failure). */
  call(peer: string, pattern: string, data: unknown, options: CallOptions): Promise<unknown>;
  /** Answers `pattern` on this unit's server (registered before it starts). */
  handle(pattern: string, handler: RpcHandler): void;
}

/**
 * One way for units to reach each other: how an endpoint is configured, how a call is sent and
 * served, how events travel. A binary lists the transports it ships; the topology picks one per unit.
 */
export interface UnitTransport<E extends UnitEndpoint = UnitEndpoint> {
  readonly kind: string;
  /** The endpoint of a unit from its configuration; throws ConfigError naming the variable on bad input. */
  endpoint(input: EndpointInput): E;
  connect(endpoint: E): UnitConnection;
  /** Starts this unit's server; rejects with a clear reason if it cannot listen. */
  listen(endpoint: E, handlers: [string, RpcHandler][]): Promise<UnitServer>;
  /** How this unit's events reach the other units. */
  events(context: UnitEventContext<E>): EventTransport;
}
