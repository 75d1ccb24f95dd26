import 'reflect-metadata';
import { toDtoInstance, validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import { DeliveryList, DeliveryView, ListDeliveriesInput } from './deliveries.dto';
import { NOTIFICATIONS_API, NotificationsPort } from './notifications.port';

describe('ListDeliveriesInput', () => {
  it('accepts query-string numbers and converts them', () => {
    const input = validateDto(ListDeliveriesInput, { recipient: 'ann@example.com', limit: '10', offset: '0' });
    expect(input).toEqual({ recipient: 'ann@example.com', limit: 10, offset: 0 });
  });

  it('accepts an empty query', () => {
    expect(validateDto(ListDeliveriesInput, {})).toBeInstanceOf(ListDeliveriesInput);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ offset: 'abc' }, 'offset'],
    [{ offset: '1e21' }, 'offset'],
    // An array passes @ValidateNested (each of its elements, none here): the caller must be an object.
    [{ caller: [] }, 'caller'],
    [{ recipient: 'not-an-email' }, 'recipient'],
    [{ sort: 'asc' }, 'sort'],
  ])('rejects %j naming %s', (query, field) => {
    try {
      validateDto(ListDeliveriesInput, query);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
    }
  });
});

describe('DeliveryList', () => {
  it('rebuilds Dates and nested views from wire JSON', () => {
    const wire = {
      total: 1,
      items: [
        {
          id: '0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e',
          eventId: '3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a',
          template: 'order-confirmed',
          recipient: 'ann@example.com',
          subject: 'Order confirmed',
          status: 'SENT',
          transport: 'file',
          location: '/data/mail/x.eml',
          createdAt: '2026-01-02T03:04:05.000Z',
          sentAt: '2026-01-02T03:04:06.000Z',
        },
      ],
    };
    const list = toDtoInstance(DeliveryList, JSON.parse(JSON.stringify(wire)));
    expect(list.items[0]).toBeInstanceOf(DeliveryView);
    expect(list.items[0].createdAt).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(list.items[0].sentAt).toEqual(new Date('2026-01-02T03:04:06.000Z'));
  });
});

describe('NotificationsPort', () => {
  it('declares listDeliveries as idempotent with a short timeout', () => {
    expect(NotificationsPort.domain).toBe('notifications');
    expect(NotificationsPort.methods.listDeliveries).toMatchObject({ idempotent: true, timeoutMs: 2_000 });
    expect(NOTIFICATIONS_API).toBe(NotificationsPort.token);
  });
});
