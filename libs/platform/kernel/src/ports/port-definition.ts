import type { DtoClass } from '../validation/dto-validator';

/** Default time a caller waits for one port call before giving up (remote bindings enforce it). */
export const DEFAULT_PORT_TIMEOUT_MS = 5_000;

/** The one declaration of a port method: everything a local binding, a remote proxy and a server handler need. */
export interface PortMethodSpec<I extends object = object, O extends object = object> {
  readonly input: DtoClass<I>;
  readonly output: DtoClass<O>;
  /** Safe to repeat with the same input: remote bindings may retry only these. */
  readonly idempotent: boolean;
  readonly timeoutMs: number;
}

export type PortMethods = Record<string, PortMethodSpec>;

/** A domain's synchronous API as declared in its contract. */
export interface PortDefinition<M extends PortMethods = PortMethods> {
  readonly domain: string;
  /** DI token the runtime binds to a local implementation or a remote proxy. */
  readonly token: symbol;
  readonly methods: M;
}

/** The TypeScript interface of a port: every method takes its input DTO and resolves to its output DTO. */
export type PortApi<P extends PortDefinition> = {
  [K in keyof P['methods']]: (
    input: InstanceType<P['methods'][K]['input']>,
  ) => Promise<InstanceType<P['methods'][K]['output']>>;
};

/** Declares one port method; `timeoutMs` defaults to DEFAULT_PORT_TIMEOUT_MS. */
export function portMethod<I extends object, O extends object>(spec: {
  input: DtoClass<I>;
  output: DtoClass<O>;
  idempotent: boolean;
  timeoutMs?: number;
}): PortMethodSpec<I, O> {
  return { ...spec, timeoutMs: spec.timeoutMs ?? DEFAULT_PORT_TIMEOUT_MS };
}

/** Declares a domain's port. The message pattern of each method is `<domain>.<method>`. */
export function definePort<M extends PortMethods>(domain: string, methods: M): PortDefinition<M> {
  return { domain, token: Symbol.for(`foodcourt.port.${domain}`), methods };
}

/** The message pattern a remote binding uses for a port method. */
export function messagePattern(port: PortDefinition, method: string): string {
  return `${port.domain}.${method}`;
}
