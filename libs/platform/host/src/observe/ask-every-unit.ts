import { Logger } from '@nestjs/common';
import { validateDto, type DtoClass } from '@foodcourt/platform-kernel';
import type { RpcHandlers, UnitConnections, UnitDirectory } from '@foodcourt/platform-ports';
import { errorReply, valueReply } from '@foodcourt/platform-wire';

const ASK_TIMEOUT_MS = 3_000;
const logger = new Logger('UnitsObservation');

/** What every other unit answered, and the units that did not (down, or too slow): named, never fatal. */
export interface Answers<T> {
  answers: Map<string, T>;
  unreachable: string[];
}

/**
 * One observation query across the topology (spans, metrics): the unit serving the dashboard asks
 * every other unit over the unit transport, as operator requests and readiness do, so nothing
 * but the units themselves is needed to see the whole court.
 */
export class UnitsQuery<Q extends object, T> {
  constructor(
    private readonly kind: string,
    private readonly request: DtoClass<Q>,
    private readonly answerLocally: (query: Q) => T | Promise<T>,
    private readonly units: { directory?: UnitDirectory; connections?: UnitConnections; handlers?: RpcHandlers },
  ) {}

  /** Registers this unit's answer, if there is anyone to ask it. */
  register(): void {
    const { directory, handlers } = this.units;
    if (!directory || !handlers || this.peers().length === 0) return;
    handlers.register(`_${this.kind}.${directory.self}`, async (data) => {
      try {
        return valueReply(await this.answerLocally(validateDto(this.request, data)));
      } catch (error) {
        return errorReply(error);
      }
    });
  }

  /** This unit's own answer and every peer's, by unit name. */
  async askAll(query: Q): Promise<Answers<T>> {
    const answers = new Map<string, T>();
    const unreachable: string[] = [];
    answers.set(this.units.directory?.self ?? 'self', await this.answerLocally(query));
    await Promise.all(
      this.peers().map(async (unit) => {
        try {
          const caller = this.units.connections!.callerOf(unit);
          answers.set(unit, (await caller(`_${this.kind}.${unit}`, query, { timeoutMs: ASK_TIMEOUT_MS, idempotent: true })) as T);
        } catch (error) {
          logger.warn(`unit ${unit} did not answer for ${this.kind}: ${(error as Error).message}`);
          unreachable.push(unit);
        }
      }),
    );
    return { answers, unreachable };
  }

  private peers(): string[] {
    return this.units.directory?.peers() ?? [];
  }
}
