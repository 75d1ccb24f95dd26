import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateNested } from 'class-validator';

const NAME = /^[a-z][a-z0-9-]*$/;

/** How units reach each other's ports and events. */
export const TRANSPORTS = ['tcp', 'nats', 'rabbitmq'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

/**
 * How a unit protects itself from the units it calls: a circuit breaker per remote domain, a
 * bulkhead per peer unit. Set for the whole topology, overridden per unit (for the calls it makes).
 */
export class TopologyResilience {
  /** Consecutive failed calls (unavailable or timed out) to a domain that open its breaker (default 5). */
  @IsOptional()
  @IsInt({ message: 'breakerFailures must be a whole number' })
  @Min(1)
  @Max(1_000)
  breakerFailures?: number;

  /** How long an open breaker answers 503 at once before letting one probe call through (default 5000). */
  @IsOptional()
  @IsInt({ message: 'breakerHalfOpenMs must be a whole number of milliseconds' })
  @Min(50)
  @Max(600_000)
  breakerHalfOpenMs?: number;

  /** Calls in flight at once to one peer unit (default 256); more wait in its queue. */
  @IsOptional()
  @IsInt({ message: 'bulkheadConcurrent must be a whole number' })
  @Min(1)
  @Max(100_000)
  bulkheadConcurrent?: number;

  /** Calls that may wait for a slot (default 1024); beyond that a call is refused with 503 at once. */
  @IsOptional()
  @IsInt({ message: 'bulkheadQueue must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  bulkheadQueue?: number;
}

/** The largest per-call deadline a topology may set (10 minutes). */
export const MAX_METHOD_TIMEOUT_MS = 600_000;
/** The most retries a topology may give an idempotent method. */
export const MAX_METHOD_RETRIES = 10;

/**
 * Overrides, for the calls a unit makes, what a port method's declaration says about one call:
 * its deadline and, for an idempotent method only, how many times a call whose request did not
 * arrive is retried. Set for the whole topology, overridden per unit (field by field).
 */
export class TopologyMethodOverride {
  /** The port method, `<domain>.<method>` as its contract declares it (its message pattern). */
  @IsString({ message: 'method must be "<domain>.<method>"' })
  @Matches(/^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9]*$/, { message: 'method must be "<domain>.<method>"' })
  method: string;

  /** The whole call's deadline, retries included (default: the method's declared timeoutMs). */
  @IsOptional()
  @IsInt({ message: 'timeoutMs must be a whole number of milliseconds' })
  @Min(1)
  @Max(MAX_METHOD_TIMEOUT_MS)
  timeoutMs?: number;

  /** Retries after the first attempt of an idempotent method (default 2); 0 turns them off. */
  @IsOptional()
  @IsInt({ message: 'retries must be a whole number' })
  @Min(0)
  @Max(MAX_METHOD_RETRIES)
  retries?: number;
}

/** One process of a topology and the domains it hosts in-process. */
export class TopologyUnit {
  @IsString()
  @Matches(NAME, { message: 'name must be lower-case letters, digits and dashes' })
  name: string;

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  domains: string[];

  /** Whether this unit serves the domains' HTTP API (default true). Every unit serves /health. */
  @IsOptional()
  @IsBoolean()
  http?: boolean;

  /** How other units call this one; defaults to the topology's transport. */
  @IsOptional()
  @IsIn(TRANSPORTS, { message: `transport must be one of ${TRANSPORTS.join(', ')}` })
  transport?: TransportKind;

  /** host:port this unit's TCP transport listens on (and others connect to). Env UNIT_<NAME>_ADDRESS overrides it. */
  @IsOptional()
  @IsString()
  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'address must be host:port' })
  address?: string;

  /**
   * How many processes run this unit (default 1). They share its databases (PostgreSQL only) and
   * its calls: over TCP each has an address in `addresses` (or all sit behind one Service name in
   * `address`), over NATS they form a queue group, over RabbitMQ they consume one queue.
   */
  @IsOptional()
  @IsInt({ message: 'replicas must be a whole number' })
  @Min(1, { message: 'replicas must be at least 1' })
  @Max(64, { message: 'replicas must be at most 64' })
  replicas?: number;

  /** host:port of each replica, over TCP (as many as `replicas`). Env UNIT_<NAME>_ADDRESS (comma-separated) overrides them. */
  @IsOptional()
  @IsArray()
  @ArrayUnique({ message: 'addresses must not repeat an address' })
  @Matches(/^[^\s:]+:\d{1,5}$/, { each: true, message: 'each of addresses must be host:port' })
  addresses?: string[];

  /** Overrides the topology's resilience settings for the calls this unit makes. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TopologyResilience)
  resilience?: TopologyResilience;

  /** Overrides the topology's per-method settings for the calls this unit makes. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopologyMethodOverride)
  methods?: TopologyMethodOverride[];
}

/** Where the brokers are; NATS_URL and RABBITMQ_URL override them. */
export class TopologyBrokers {
  @IsOptional()
  @IsString()
  @Matches(/^nats:\/\//, { message: 'nats must be a nats:// URL' })
  nats?: string;

  @IsOptional()
  @IsString()
  @Matches(/^amqps?:\/\//, { message: 'rabbitmq must be an amqp:// URL' })
  rabbitmq?: string;
}

/** A topology file: which unit hosts which domain, and how units talk. */
export class Topology {
  @IsString()
  @MinLength(1)
  name: string;

  /** Default transport between units (default tcp: needs no broker). */
  @IsOptional()
  @IsIn(TRANSPORTS, { message: `transport must be one of ${TRANSPORTS.join(', ')}` })
  transport?: TransportKind;

  @IsOptional()
  @ValidateNested()
  @Type(() => TopologyBrokers)
  brokers?: TopologyBrokers;

  /** Breaker and bulkhead settings for every unit's remote calls (docs/adr/0009). */
  @IsOptional()
  @ValidateNested()
  @Type(() => TopologyResilience)
  resilience?: TopologyResilience;

  /** Per-method deadlines and retries for every unit's remote calls (docs/adr/0009). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopologyMethodOverride)
  methods?: TopologyMethodOverride[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopologyUnit)
  units: TopologyUnit[];
}
