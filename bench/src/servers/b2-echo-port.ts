/**
 * The port of B2, shared by the bench process (client) and the B2 server processes: one method,
 * `bench.echo`, whose input and output are the same ~200-byte class-validator DTO (an order line
 * as a checkout would send it), and the variants every server can run.
 */
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';

export class EchoPayload {
  @IsString() @Length(36, 36) orderId: string;
  @Matches(/^[A-Z0-9-]{3,40}$/) sku: string;
  @IsString() @Length(1, 80) name: string;
  @IsInt() @Min(1) @Max(1_000) quantity: number;
  @IsInt() @Min(0) unitPrice: number;
  @IsIn(['EUR', 'USD']) currency: string;
  @IsISO8601() placedAt: string;
}

export const EchoPort = definePort('bench', {
  echo: portMethod({ input: EchoPayload, output: EchoPayload, idempotent: true }),
});
export type EchoApi = PortApi<typeof EchoPort>;

/** The payload of every call: 205 bytes of JSON. */
export const ECHO_PAYLOAD: EchoPayload = {
  orderId: '0b7e4a52-6c1d-4f7e-9a3b-2f1e5d8c9a01',
  sku: 'PIZZA-MARGHERITA',
  name: 'Pizza Margherita, tomato, mozzarella',
  quantity: 2,
  unitPrice: 950,
  currency: 'EUR',
  placedAt: '2026-01-02T03:04:05.000Z',
};

/** The implementation behind the port: answers its input. */
export const echoImplementation: EchoApi = {
  async echo(input) {
    return input;
  },
};

/** Servers of B2, one child process each. */
export const B2_SERVERS = ['ours-tcp', 'ours-nats', 'ours-rabbitmq', 'nest-tcp', 'nest-nats', 'nest-rmq', 'nats-raw', 'moleculer-nats'] as const;
export type B2Server = (typeof B2_SERVERS)[number];

/** Pattern / subject / queue names of the raw peers, under a namespace. */
export const rawNames = (namespace: string) => ({
  pattern: 'echo',
  natsSubject: `${namespace}.nest.echo`,
  rawSubject: `${namespace}.raw.echo`,
  rmqQueue: `${namespace}.nest-rmq`,
  oursUnit: 'bench',
  /** Moleculer namespaces its NATS subjects itself (MOL-<namespace>.…). */
  moleculerNamespace: `${namespace}-mol`,
});

/**
 * The Moleculer action's params schema (fastest-validator, compiled once by Moleculer): the same
 * rules as EchoPayload, unknown fields refused like ours, so both servers validate the same input.
 */
export const MOLECULER_ECHO_PARAMS = {
  $$strict: true,
  orderId: { type: 'string', length: 36 },
  sku: { type: 'string', pattern: /^[A-Z0-9-]{3,40}$/ },
  name: { type: 'string', min: 1, max: 80 },
  quantity: { type: 'number', integer: true, min: 1, max: 1_000 },
  unitPrice: { type: 'number', integer: true, min: 0 },
  currency: { type: 'enum', values: ['EUR', 'USD'] },
  placedAt: { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/ },
};
