import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';

const NAME = /^[a-z][a-z0-9-]*$/;

/** How units reach each other's ports and events. */
export const TRANSPORTS = ['tcp', 'nats', 'rabbitmq'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

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

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TopologyUnit)
  units: TopologyUnit[];
}
