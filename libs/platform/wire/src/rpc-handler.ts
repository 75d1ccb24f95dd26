import type { CallHeaders } from './call-headers';

/** Answers one message pattern (given the envelope's headers, if any); what it resolves to is sent back to the caller. */
export type RpcHandler = (data: unknown, headers?: CallHeaders) => Promise<unknown>;
