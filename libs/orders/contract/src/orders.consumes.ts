/**
 * Event types the orders core subscribes to: none. Publishers on TCP push an event only to units
 * hosting a domain that lists its type (ADR 5); a subscriber added to the core must be listed
 * here, which the core's spec checks.
 */
export const ORDERS_CONSUMES: readonly string[] = [];
