import 'reflect-metadata';
import { ValidationFailedError } from '../errors/common-errors';
import { AT, ReserveInput, Reservation, tableTakenError } from '../testing/booking-port.fixture';
import { createLocalBinding } from './local-binding';
import { DEFAULT_PORT_TIMEOUT_MS, definePort, messagePattern, portMethod, type PortApi } from './port-definition';

const TableTakenError = tableTakenError('SPEC_TABLE_TAKEN');

const BookingPort = definePort('spec-booking', {
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: 1_234 }),
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true }),
});
type BookingApi = PortApi<typeof BookingPort>;

/** An implementation that answers with a plain object, as one built from a database row would. */
class FakeBooking implements BookingApi {
  readonly calls: ReserveInput[] = [];
  async reserve(input: ReserveInput): Promise<Reservation> {
    this.calls.push(input);
    if (input.table === 'taken') throw new TableTakenError(`table ${input.table} is taken`, { table: input.table });
    return { id: `r-${input.table}`, guests: input.guests, at: AT } as unknown as Reservation;
  }
  async peek(input: ReserveInput): Promise<Reservation> {
    return this.reserve(input);
  }
}

describe('createLocalBinding', () => {
  it('passes valid input to the implementation as an instance of the input DTO', async () => {
    const impl = new FakeBooking();
    await createLocalBinding(BookingPort, impl).reserve({ table: 't1', guests: 2 } as ReserveInput);
    expect(impl.calls).toHaveLength(1);
    expect(impl.calls[0]).toBeInstanceOf(ReserveInput);
    expect(impl.calls[0]).toEqual({ table: 't1', guests: 2 });
  });

  it('rejects invalid input with ValidationFailedError naming the field, without calling the implementation', async () => {
    const impl = new FakeBooking();
    const binding = createLocalBinding(BookingPort, impl);
    const failure = binding.reserve({ table: 't1', guests: 0 } as ReserveInput);
    await expect(failure).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(failure).rejects.toMatchObject({ violations: [{ field: 'guests' }] });
    await expect(binding.reserve({ table: 't1', guests: 1, vip: true } as unknown as ReserveInput)).rejects.toMatchObject({
      violations: [{ field: 'vip' }],
    });
    await expect(binding.reserve(null as unknown as ReserveInput)).rejects.toMatchObject({ violations: [{ field: '(root)' }] });
    expect(impl.calls).toHaveLength(0);
  });

  it('returns the output as an instance of the output DTO with Dates as Date, even from a plain object', async () => {
    const result = await createLocalBinding(BookingPort, new FakeBooking()).reserve({ table: 't1', guests: 2 } as ReserveInput);
    expect(result).toBeInstanceOf(Reservation);
    expect(result.at).toBeInstanceOf(Date);
    expect(result.at.toISOString()).toBe(AT);
    expect(result.id).toBe('r-t1');
  });

  it('passes a domain error of the implementation through as the same class', async () => {
    const failure = createLocalBinding(BookingPort, new FakeBooking()).reserve({ table: 'taken', guests: 2 } as ReserveInput);
    await expect(failure).rejects.toBeInstanceOf(TableTakenError);
    await expect(failure).rejects.toMatchObject({ code: 'SPEC_TABLE_TAKEN', message: 'table taken is taken', details: { table: 'taken' } });
  });

  it('calls the implementation with `this` bound to it', async () => {
    const impl = new FakeBooking();
    // peek() calls this.reserve(): it only works when the binding keeps `this`.
    await expect(createLocalBinding(BookingPort, impl).peek({ table: 't2', guests: 3 } as ReserveInput)).resolves.toBeInstanceOf(Reservation);
    expect(impl.calls).toHaveLength(1);
  });

  it('answers with a promise whatever the implementation does: a synchronous throw rejects, a plain value resolves', async () => {
    const impl = {
      reserve: () => {
        throw new TableTakenError('thrown synchronously');
      },
      peek: () => ({ id: 'r-sync', guests: 1, at: AT }),
    } as unknown as BookingApi;
    const binding = createLocalBinding(BookingPort, impl);
    const failure = binding.reserve({ table: 't1', guests: 1 } as ReserveInput);
    expect(failure).toBeInstanceOf(Promise);
    await expect(failure).rejects.toBeInstanceOf(TableTakenError);
    const invalid = binding.peek({ table: 't1', guests: 0 } as ReserveInput);
    expect(invalid).toBeInstanceOf(Promise);
    await expect(invalid).rejects.toBeInstanceOf(ValidationFailedError);
    const result = await binding.peek({ table: 't1', guests: 1 } as ReserveInput);
    expect(result).toBeInstanceOf(Reservation);
    expect(result.at).toEqual(new Date(AT));
  });

  it('fails at binding time, naming the method, when the implementation lacks one', () => {
    const partial = { reserve: async () => ({}) } as unknown as BookingApi;
    expect(() => createLocalBinding(BookingPort, partial)).toThrow('spec-booking port: the implementation has no method "peek"');
  });
});

describe('port definitions', () => {
  it('derive the message pattern <domain>.<method>', () => {
    expect(messagePattern(BookingPort, 'reserve')).toBe('spec-booking.reserve');
  });

  it('give a method without timeoutMs the default timeout and keep an explicit one', () => {
    expect(BookingPort.methods.peek.timeoutMs).toBe(DEFAULT_PORT_TIMEOUT_MS);
    expect(DEFAULT_PORT_TIMEOUT_MS).toBe(5_000);
    expect(BookingPort.methods.reserve.timeoutMs).toBe(1_234);
    expect(BookingPort.methods.reserve.idempotent).toBe(false);
  });

  it('use one token per domain', () => {
    expect(definePort('spec-booking', {}).token).toBe(BookingPort.token);
    expect(definePort('spec-other', {}).token).not.toBe(BookingPort.token);
  });
});
