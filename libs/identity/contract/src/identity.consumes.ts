/**
 * Event types the identity core subscribes to: none. Publishers on TCP push an event only to units
 * hosting a domain that lists its type (ADR 5); a subscriber added to the core must be listed
 * here, which the core's spec checks.
 */
export const IDENTITY_CONSUMES: readonly string[] = [];
