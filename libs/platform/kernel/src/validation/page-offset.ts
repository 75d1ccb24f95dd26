/**
 * Largest `offset` a listing accepts: the range of an SQL integer on every driver. An integer
 * beyond it (1e21 is one, to class-validator) is written into the query as `1e+21`, which SQLite
 * refuses (datatype mismatch): the caller gets a validation error instead of an internal one.
 */
export const MAX_PAGE_OFFSET = 2_147_483_647;
