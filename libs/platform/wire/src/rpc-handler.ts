/** Answers one message pattern; what it resolves to is sent back to the caller. */
export type RpcHandler = (data: unknown) => Promise<unknown>;
