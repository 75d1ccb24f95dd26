/** A DTO class: what port declarations, HTTP bodies and configuration are validated against. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructors of any arity
export type DtoClass<T = object> = new (...args: any[]) => T;
