import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DomainError, domainErrorFromBody, messagePattern, validateDto, ValidationFailedError } from '@foodcourt/platform-runtime';
import {
  CancelOrderInput,
  CheckoutInput,
  CheckoutKeyReusedError,
  CheckoutRequest,
  GetOrderInput,
  ListOrdersInput,
  MAX_LINES,
  MAX_QUANTITY,
  MAX_UNIT_PRICE,
  ORDERS_API,
  OrderCancelled,
  OrderConfirmed,
  OrderList,
  OrderNotFoundError,
  OrdersPort,
  OrderStateError,
  OrderView,
} from './index';

/** The fields validateDto rejects `input` for (empty when it is valid). */
function violatedFields(dto: new () => object, input: unknown): string[] {
  try {
    validateDto(dto, input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.violations.map((v) => v.field);
  }
}

const line = (overrides: Record<string, unknown> = {}) => ({ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850, ...overrides });
const checkout = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: 'checkout-1',
  customerEmail: 'ada@example.com',
  currency: 'EUR',
  lines: [line()],
  ...overrides,
});

describe('CheckoutInput', () => {
  it('accepts a valid checkout and builds nested line instances', () => {
    const input = validateDto(CheckoutInput, checkout({ lines: [line(), line({ sku: 'COLA', quantity: 1, unitPrice: 250 })] }));
    expect(input).toBeInstanceOf(CheckoutInput);
    expect(input.lines).toHaveLength(2);
    expect(input.lines[1]).toEqual({ sku: 'COLA', quantity: 1, unitPrice: 250 });
  });

  it.each([
    ['MAX_LINES lines', { lines: Array.from({ length: MAX_LINES }, () => line()) }],
    ['MAX_QUANTITY units', { lines: [line({ quantity: MAX_QUANTITY })] }],
    ['a MAX_UNIT_PRICE unit price', { lines: [line({ unitPrice: MAX_UNIT_PRICE })] }],
    ['a one-character sku', { lines: [line({ sku: 'A' })] }],
    ['a 64-character sku', { lines: [line({ sku: `A${'-9'.repeat(31)}B` })] }],
    ['a 200-character idempotency key', { idempotencyKey: 'k'.repeat(200) }],
  ])('accepts %s (the bound itself)', (_case, overrides) => {
    expect(violatedFields(CheckoutInput, checkout(overrides))).toEqual([]);
  });

  it.each([
    ['more than MAX_LINES lines', { lines: Array.from({ length: MAX_LINES + 1 }, () => line()) }, 'lines'],
    ['no lines', { lines: [] }, 'lines'],
    ['lines that are not an array', { lines: 'PIZZA' }, 'lines'],
    ['a quantity over MAX_QUANTITY', { lines: [line({ quantity: MAX_QUANTITY + 1 })] }, 'lines.0.quantity'],
    ['a zero quantity', { lines: [line({ quantity: 0 })] }, 'lines.0.quantity'],
    ['a fractional quantity', { lines: [line({ quantity: 1.5 })] }, 'lines.0.quantity'],
    ['a quantity sent as a string', { lines: [line({ quantity: '2' })] }, 'lines.0.quantity'],
    ['a unit price over MAX_UNIT_PRICE', { lines: [line({ unitPrice: MAX_UNIT_PRICE + 1 })] }, 'lines.0.unitPrice'],
    ['a zero unit price', { lines: [line({ unitPrice: 0 })] }, 'lines.0.unitPrice'],
    ['a negative unit price', { lines: [line({ unitPrice: -1 })] }, 'lines.0.unitPrice'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a four-letter currency', { currency: 'EURO' }, 'currency'],
    ['a missing currency', { currency: undefined }, 'currency'],
    ['a lower-case sku', { lines: [line({ sku: 'pizza' })] }, 'lines.0.sku'],
    ['a sku starting with a dash', { lines: [line({ sku: '-PIZZA' })] }, 'lines.0.sku'],
    ['a 65-character sku', { lines: [line({ sku: 'A'.repeat(65) })] }, 'lines.0.sku'],
    ['a sku with a space', { lines: [line({ sku: 'PIZZA MARGHERITA' })] }, 'lines.0.sku'],
    ['an unknown line field', { lines: [line({ note: 'extra cheese' })] }, 'lines.0.note'],
    ['an unknown field', { coupon: 'FREE' }, 'coupon'],
    ['a malformed e-mail', { customerEmail: 'ada@' }, 'customerEmail'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
    ['a 201-character idempotency key', { idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
  ])('rejects %s', (_case, overrides, field) => {
    expect(violatedFields(CheckoutInput, checkout(overrides))).toEqual([field]);
  });

  it('names the line that is wrong, with the full path in the message', () => {
    const error = (() => {
      try {
        validateDto(CheckoutInput, checkout({ lines: [line(), line({ quantity: MAX_QUANTITY + 1 })] }));
      } catch (e) {
        return e as ValidationFailedError;
      }
      throw new Error('expected a ValidationFailedError');
    })();
    expect(error.violations).toEqual([{ field: 'lines.1.quantity', messages: [`lines.1.quantity must not be greater than ${MAX_QUANTITY}`] }]);
    expect(error.message).toBe(`Invalid input: lines.1.quantity: lines.1.quantity must not be greater than ${MAX_QUANTITY}`);
  });

  it('rejects input that is not an object', () => {
    expect(violatedFields(CheckoutInput, [checkout()])).toEqual(['(root)']);
    expect(violatedFields(CheckoutInput, null)).toEqual(['(root)']);
  });

  it('makes the idempotency key a port field only: the HTTP body refuses it', () => {
    const { idempotencyKey, ...body } = checkout();
    expect(violatedFields(CheckoutRequest, body)).toEqual([]);
    expect(violatedFields(CheckoutRequest, { ...body, idempotencyKey })).toEqual(['idempotencyKey']);
  });
});

describe('other order inputs', () => {
  it('require a UUID order id', () => {
    expect(violatedFields(GetOrderInput, { orderId: randomUUID() })).toEqual([]);
    expect(violatedFields(GetOrderInput, { orderId: '42' })).toEqual(['orderId']);
    expect(violatedFields(CancelOrderInput, {})).toEqual(['orderId']);
  });

  it('page a list within bounds, converting query strings to numbers', () => {
    const input = validateDto(ListOrdersInput, { limit: '100', offset: '0', customerEmail: 'ada@example.com' });
    expect(input).toEqual({ limit: 100, offset: 0, customerEmail: 'ada@example.com' });
    expect(violatedFields(ListOrdersInput, {})).toEqual([]);
    expect(violatedFields(ListOrdersInput, { limit: 101 })).toEqual(['limit']);
    expect(violatedFields(ListOrdersInput, { limit: 0 })).toEqual(['limit']);
    expect(violatedFields(ListOrdersInput, { offset: -1 })).toEqual(['offset']);
    expect(violatedFields(ListOrdersInput, { limit: 'ten' })).toEqual(['limit']);
  });
});

describe('orders errors', () => {
  const errors = [
    [OrderNotFoundError, 'ORDER_NOT_FOUND', 'not-found'],
    [OrderStateError, 'ORDER_INVALID_STATE', 'conflict'],
    [CheckoutKeyReusedError, 'CHECKOUT_KEY_REUSED', 'conflict'],
  ] as const;

  it.each(errors)('%p has the stable code %s and kind %s', (ErrorClass, code, kind) => {
    const error = new ErrorClass('boom');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(ErrorClass.name);
  });

  it('has one code per class', () => {
    const codes = errors.map(([ErrorClass]) => new ErrorClass('x').code);
    expect(new Set(codes).size).toBe(errors.length);
  });

  it.each(errors)('%p round-trips through its wire body to the same class', (ErrorClass) => {
    const original = new ErrorClass('Order 7 not found', { orderId: '7', status: 'PAYMENT_FAILED' });
    const rebuilt = domainErrorFromBody(JSON.parse(JSON.stringify(original.toBody())));
    expect(rebuilt).toBeInstanceOf(ErrorClass);
    expect(rebuilt.message).toBe('Order 7 not found');
    expect(rebuilt.details).toEqual({ orderId: '7', status: 'PAYMENT_FAILED' });
    expect(rebuilt.toBody()).toEqual(original.toBody());
  });
});

describe('orders events', () => {
  const orderId = randomUUID();
  const paymentId = randomUUID();

  it('orders.order-confirmed accepts a wire payload and turns confirmedAt into a Date', () => {
    const json = {
      orderId,
      customerEmail: 'ada@example.com',
      total: 1_700,
      currency: 'EUR',
      paymentId,
      lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850 }],
      confirmedAt: '2026-01-02T03:04:05.000Z',
    };
    expect(OrderConfirmed.type).toBe('orders.order-confirmed');
    const payload = validateDto(OrderConfirmed.payload, json);
    expect(payload.confirmedAt).toBeInstanceOf(Date);
    expect(payload.confirmedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(payload.lines[0]).toEqual({ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850 });

    expect(violatedFields(OrderConfirmed.payload, { ...json, confirmedAt: 'yesterday' })).toEqual(['confirmedAt']);
    expect(violatedFields(OrderConfirmed.payload, { ...json, lines: [] })).toEqual(['lines']);
    expect(violatedFields(OrderConfirmed.payload, { ...json, lines: [{ sku: 'X', quantity: 0, unitPrice: 1 }] })).toEqual(['lines.0.quantity']);
    expect(violatedFields(OrderConfirmed.payload, { ...json, paymentId: 'p-1' })).toEqual(['paymentId']);
  });

  it('orders.order-cancelled accepts a wire payload and turns cancelledAt into a Date', () => {
    const json = { orderId, customerEmail: 'ada@example.com', total: 1_700, currency: 'EUR', paymentId, cancelledAt: '2026-01-03T00:00:00.000Z' };
    expect(OrderCancelled.type).toBe('orders.order-cancelled');
    const payload = validateDto(OrderCancelled.payload, json);
    expect(payload.cancelledAt).toEqual(new Date('2026-01-03T00:00:00.000Z'));
    expect(violatedFields(OrderCancelled.payload, { ...json, orderId: undefined })).toEqual(['orderId']);
    expect(violatedFields(OrderCancelled.payload, { ...json, reason: 'changed my mind' })).toEqual(['reason']);
  });
});

describe('OrdersPort', () => {
  it('is registered under a symbol token, the ORDERS_API token', () => {
    expect(typeof OrdersPort.token).toBe('symbol');
    expect(ORDERS_API).toBe(OrdersPort.token);
    expect(OrdersPort.domain).toBe('orders');
  });

  it('declares each method with its DTOs, idempotency and message pattern', () => {
    const m = OrdersPort.methods;
    expect(Object.keys(m).sort()).toEqual(['cancel', 'checkout', 'get', 'list']);
    expect(m.checkout).toMatchObject({ input: CheckoutInput, output: OrderView, idempotent: true });
    expect(m.get).toMatchObject({ input: GetOrderInput, output: OrderView, idempotent: true });
    expect(m.list).toMatchObject({ input: ListOrdersInput, output: OrderList, idempotent: true });
    expect(m.cancel).toMatchObject({ input: CancelOrderInput, output: OrderView, idempotent: true });
    expect(messagePattern(OrdersPort, 'checkout')).toBe('orders.checkout');
  });

  it('gives checkout and cancel (which call payments) more time than reads', () => {
    const m = OrdersPort.methods;
    expect(m.checkout.timeoutMs).toBeGreaterThan(m.get.timeoutMs);
    expect(m.cancel.timeoutMs).toBeGreaterThan(m.list.timeoutMs);
  });
});
