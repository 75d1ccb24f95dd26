// Spec support (the `@foodcourt/platform-kernel/testing` entry, never imported by production code):
// the small "booking" port fixture shared by the local-binding spec here and the remote-binding specs
// of platform-host. Each spec declares its own port (domain name, timeouts) and its own error code,
// since codes declared with @DomainErrorCode must stay unique across the process.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsString, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { DomainErrorCode } from '../errors/domain-error-code';

export class ReserveInput {
  @IsString() table: string;
  @IsInt() @Min(1) guests: number;
}

export class Reservation {
  @IsString() id: string;
  @IsInt() guests: number;
  @IsDate() @Type(() => Date) at: Date;
}

/** A "table taken" conflict declared under `code`: each spec picks its own. */
export function tableTakenError(code: string) {
  @DomainErrorCode(code, 'conflict')
  class TableTakenError extends DomainError {}
  return TableTakenError;
}
export type TableTakenErrorClass = ReturnType<typeof tableTakenError>;

export const AT = '2026-05-06T19:30:00.000Z';

/**
 * The hosting unit's implementation of reserve/peek/slow: answers plain objects (as from a row), and
 * records every call it runs. Table "taken" throws `TableTaken`, "bug" a plain Error, and calls to `slow`
 * (and tables named "hold") wait until releaseAll().
 */
export class FakeBooking {
  readonly calls: { method: string; input: ReserveInput }[] = [];
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  constructor(private readonly TableTaken: TableTakenErrorClass) {}

  async reserve(input: ReserveInput): Promise<Reservation> {
    return this.answer('reserve', input);
  }
  async peek(input: ReserveInput): Promise<Reservation> {
    return this.answer('peek', input);
  }
  async slow(input: ReserveInput): Promise<Reservation> {
    this.calls.push({ method: 'slow', input });
    await this.gate;
    return { id: 'late', guests: input.guests, at: AT } as unknown as Reservation;
  }
  releaseAll(): void {
    this.release();
  }

  private async answer(method: string, input: ReserveInput): Promise<Reservation> {
    this.calls.push({ method, input });
    if (input.table === 'taken') throw new this.TableTaken(`table ${input.table} is taken`, { table: input.table });
    if (input.table === 'bug') throw new Error('ledger row 7 is corrupt (password=hunter2)');
    if (input.table === 'hold') await this.gate;
    return { id: `r-${input.table}`, guests: input.guests, at: AT } as unknown as Reservation;
  }
}

/** What a rejected promise rejected with. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
