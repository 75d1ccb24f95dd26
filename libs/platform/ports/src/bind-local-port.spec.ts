import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { definePort, portMethod, ValidationFailedError, type PortApi } from '@foodcourt/platform-kernel';
import { FakeBooking, ReserveInput, Reservation, tableTakenError } from '@foodcourt/platform-kernel/testing';
import { bindLocalPort } from './bind-local-port';

const BookingPort = definePort('spec-bound-booking', {
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false }),
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true }),
});
type BookingApi = PortApi<typeof BookingPort>;

describe('bindLocalPort', () => {
  @Injectable()
  class InjectableBooking extends FakeBooking {
    constructor() {
      super(tableTakenError('SPEC_BOUND_TABLE_TAKEN'));
    }
  }

  it('provides the validating binding under the port token', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [InjectableBooking, bindLocalPort(BookingPort, InjectableBooking)] }).compile();
    try {
      const api = moduleRef.get<BookingApi>(BookingPort.token);
      expect(api).not.toBeInstanceOf(InjectableBooking);
      await expect(api.reserve({ table: 't1', guests: 0 } as ReserveInput)).rejects.toBeInstanceOf(ValidationFailedError);
      const result = await api.reserve({ table: 't1', guests: 4 } as ReserveInput);
      expect(result).toBeInstanceOf(Reservation);
      expect(result.at).toBeInstanceOf(Date);
      expect(moduleRef.get(InjectableBooking).calls).toHaveLength(1);
    } finally {
      await moduleRef.close();
    }
  });

  it('fails when the module starts if the implementation lacks a method', async () => {
    @Injectable()
    class Partial {
      async reserve(): Promise<Reservation> {
        return new Reservation();
      }
    }
    const compiling = Test.createTestingModule({
      providers: [Partial, bindLocalPort(BookingPort, Partial as unknown as new () => BookingApi)],
    }).compile();
    await expect(compiling).rejects.toThrow('no method "peek"');
  });
});
