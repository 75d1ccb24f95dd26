import { Injectable } from '@nestjs/common';
import type { RpcHandler } from '@foodcourt/platform-wire';

/**
 * Every pattern this unit answers on its transport: the hosted ports' methods and the
 * platform's own (event delivery). The unit server attaches them when it starts.
 */
@Injectable()
export class RpcHandlers {
  private readonly handlers = new Map<string, RpcHandler>();

  register(pattern: string, handler: RpcHandler): void {
    if (this.handlers.has(pattern)) throw new Error(`message pattern "${pattern}" is registered twice`);
    this.handlers.set(pattern, handler);
  }

  entries(): [string, RpcHandler][] {
    return [...this.handlers.entries()];
  }
}
