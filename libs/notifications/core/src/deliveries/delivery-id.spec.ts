import { isUUID } from 'class-validator';
import { deliveryIdFor } from './delivery-id';

describe('deliveryIdFor', () => {
  const eventId = '3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a';

  it('is a stable UUID for the same event and template', () => {
    const id = deliveryIdFor(eventId, 'order-confirmed');
    expect(id).toBe(deliveryIdFor(eventId, 'order-confirmed'));
    expect(isUUID(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs by template and by event', () => {
    expect(deliveryIdFor(eventId, 'order-confirmed')).not.toBe(deliveryIdFor(eventId, 'order-cancelled'));
    expect(deliveryIdFor(eventId, 'order-confirmed')).not.toBe(deliveryIdFor('4f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a', 'order-confirmed'));
  });
});
