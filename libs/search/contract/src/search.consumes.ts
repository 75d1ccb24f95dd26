import { ProductChanged } from '@foodcourt/catalog-contract';

/**
 * Event types the search core subscribes to. Publishers on TCP push an event only to units
 * hosting a domain that lists its type (ADR 5), so a subscriber missing here never gets its events
 * from another unit; the core's spec checks this list against what its subscribers register.
 */
export const SEARCH_CONSUMES: readonly string[] = [ProductChanged.type];
