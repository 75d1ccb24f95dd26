import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import { RpcHandlers, UnitConnections, UnitDirectory } from '@foodcourt/platform-ports';
import { errorReply, valueReply } from '@foodcourt/platform-wire';
import { AdminRequest } from './admin-request';
import { DeadLetterNotFoundError, OutboxEventNotFoundError } from './admin-errors';
import { DeadLetterService } from './dead-letter.service';
import type { DeadLetterView, EventActionResult } from './dead-letter.view';

/** The pattern a unit answers operator requests on. */
export function adminPattern(unit: string): string {
  return `_admin.${unit}`;
}

const ADMIN_TIMEOUT_MS = 5_000;

/**
 * Operator actions across the whole topology: the unit serving the admin API (the gateway, say,
 * which has no database) asks every unit hosting a domain, so the answers are the same whichever
 * unit serves them. A unit that is down makes the request fail with a 503 naming it.
 */
@Injectable()
export class UnitsAdmin implements OnModuleInit {
  constructor(
    private readonly local: DeadLetterService,
    @Optional() private readonly directory?: UnitDirectory,
    @Optional() private readonly connections?: UnitConnections,
    @Optional() private readonly handlers?: RpcHandlers,
  ) {}

  onModuleInit(): void {
    if (this.directory && this.handlers && this.peers().length > 0) {
      this.handlers.register(adminPattern(this.directory.self), (data) => this.answer(data));
    }
  }

  async list(): Promise<DeadLetterView[]> {
    const remote = await Promise.all(this.peers().map((unit) => this.ask(unit, { op: 'list' }) as Promise<DeadLetterView[]>));
    const all = [...(await this.local.list()), ...remote.flat()];
    return all.sort((a, b) => new Date(b.failedAt).getTime() - new Date(a.failedAt).getTime());
  }

  replay(id: string): Promise<EventActionResult> {
    return this.first(() => this.local.replay(id), { op: 'replay', id }, DeadLetterNotFoundError);
  }

  republish(eventId: string): Promise<EventActionResult> {
    return this.first(() => this.local.republish(eventId), { op: 'republish', id: eventId }, OutboxEventNotFoundError);
  }

  /** Here first, then unit by unit until one holds the record; "not found" only when none does. */
  private async first(
    here: () => Promise<EventActionResult>,
    request: AdminRequest,
    NotFound: typeof DeadLetterNotFoundError | typeof OutboxEventNotFoundError,
  ): Promise<EventActionResult> {
    let notFound: unknown;
    try {
      return await here();
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      notFound = error;
    }
    for (const unit of this.peers()) {
      try {
        return (await this.ask(unit, request)) as EventActionResult;
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
      }
    }
    throw notFound;
  }

  private peers(): string[] {
    return this.directory?.peers() ?? [];
  }

  private ask(unit: string, request: AdminRequest): Promise<unknown> {
    return this.connections!.callerOf(unit)(adminPattern(unit), request, { timeoutMs: ADMIN_TIMEOUT_MS, idempotent: request.op === 'list' });
  }

  /** Another unit relays an operator request: answered from this unit's own databases only. */
  private async answer(data: unknown): Promise<unknown> {
    try {
      const request = validateDto(AdminRequest, data);
      if (request.op === 'list') return valueReply(await this.local.list());
      if (!request.id) throw ValidationFailedError.fromViolations([{ field: 'id', messages: [`id is required for ${request.op}`] }]);
      return valueReply(request.op === 'replay' ? await this.local.replay(request.id) : await this.local.republish(request.id));
    } catch (error) {
      return errorReply(error);
    }
  }
}
