import 'reflect-metadata';
import { violatedFields, DomainError, domainErrorFromBody, messagePattern, toDtoInstance, validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import { randomUUID } from 'node:crypto';
import {
  CancelOrderInput,
  CheckoutInput,
  CheckoutKeyReusedError,
  CheckoutRequest,
  GetOrderInput,
  ListOrdersInput,
  ListOrdersQuery,
  MAX_LINES,
  MAX_QUANTITY,
  MixedCurrenciesError,
  ORDER_STATUSES,
  ORDERS_API,
  OrderCancelled,
  OrderConfirmed,
  OrderList,
  OrderNotFoundError,
  OrdersPort,
  OrderStateError,
  OrderView,
} from './index';
import * as contract from './index';


const caller = (overrides: Record<string, unknown> = {}) => ({
  id: '3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41',
  email: 'ada@example.com',
  roles: ['customer'],
  ...overrides,
});
const line = (overrides: Record<string, unknown> = {}) => ({ sku: 'PIZZA-MARGHERITA', quantity: 2, ...overrides });
const checkout = (overrides: Record<string, unknown> = {}) => ({
  caller: caller(),
  idempotencyKey: 'checkout-1',
  lines: [line()],
  ...overrides,
});

describe('CheckoutInput', () => {
  it('accepts a valid checkout and builds nested line and caller instances', () => {
    const input = validateDto(CheckoutInput, checkout({ lines: [line(), line({ sku: 'COLA', quantity: 1 })] }));
    expect(input).toBeInstanceOf(CheckoutInput);
    expect(input.lines).toHaveLength(2);
    expect(input.lines[1]).toEqual({ sku: 'COLA', quantity: 1 });
    expect(input.caller).toEqual(caller());
  });

  it('accepts an admin, a caller holding both roles, and one holding none', () => {
    expect(violatedFields(CheckoutInput, checkout({ caller: caller({ roles: ['admin'] }) }))).toEqual([]);
    expect(violatedFields(CheckoutInput, checkout({ caller: caller({ roles: ['customer', 'admin'] }) }))).toEqual([]);
    expect(violatedFields(CheckoutInput, checkout({ caller: caller({ roles: [] }) }))).toEqual([]);
  });

  it('has no bound on a unit price any more: prices come from the catalog', () => {
    expect(Object.keys(contract)).not.toContain('MAX_UNIT_PRICE');
  });

  it.each([
    ['MAX_LINES lines', { lines: Array.from({ length: MAX_LINES }, () => line()) }],
    ['MAX_QUANTITY units', { lines: [line({ quantity: MAX_QUANTITY })] }],
    ['the same sku on two lines (checkout merges them)', { lines: [line(), line()] }],
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
    ['a client unit price (prices come from the catalog)', { lines: [line({ unitPrice: 850 })] }, 'lines.0.unitPrice'],
    ['a client currency (the catalog prices in its currency)', { currency: 'EUR' }, 'currency'],
    ['a customer e-mail (the caller comes from the token)', { customerEmail: 'ada@example.com' }, 'customerEmail'],
    ['a customer id (the caller comes from the token)', { customerId: '3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41' }, 'customerId'],
    ['a missing quantity', { lines: [{ sku: 'COLA' }] }, 'lines.0.quantity'],
    ['a missing sku', { lines: [{ quantity: 1 }] }, 'lines.0.sku'],
    ['a caller that is not an object', { caller: 'ada' }, 'caller'],
    ['a caller id that is not a UUID', { caller: caller({ id: 'ada' }) }, 'caller.id'],
    ['a malformed caller e-mail', { caller: caller({ email: 'ada@' }) }, 'caller.email'],
    ['an unknown role', { caller: caller({ roles: ['root'] }) }, 'caller.roles'],
    ['roles that are not an array', { caller: caller({ roles: 'admin' }) }, 'caller.roles'],
    ['an unknown caller field', { caller: caller({ tenant: 'acme' }) }, 'caller.tenant'],
    ['a lower-case sku', { lines: [line({ sku: 'pizza' })] }, 'lines.0.sku'],
    ['a sku starting with a dash', { lines: [line({ sku: '-PIZZA' })] }, 'lines.0.sku'],
    ['a 65-character sku', { lines: [line({ sku: 'A'.repeat(65) })] }, 'lines.0.sku'],
    ['a sku with a space', { lines: [line({ sku: 'PIZZA MARGHERITA' })] }, 'lines.0.sku'],
    ['an unknown line field', { lines: [line({ note: 'extra cheese' })] }, 'lines.0.note'],
    ['an unknown field', { coupon: 'FREE' }, 'coupon'],
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

  it('makes the idempotency key and the caller port fields only: the HTTP body refuses them', () => {
    const { idempotencyKey, caller: who, ...body } = checkout();
    expect(violatedFields(CheckoutRequest, body)).toEqual([]);
    expect(violatedFields(CheckoutRequest, { ...body, idempotencyKey })).toEqual(['idempotencyKey']);
    expect(violatedFields(CheckoutRequest, { ...body, caller: who })).toEqual(['caller']);
  });

  it('rejects a missing caller, naming it', () => {
    const { caller: _caller, ...withoutCaller } = checkout();
    expect(violatedFields(CheckoutInput, withoutCaller)).toEqual(['caller']);
  });
});

describe('other order inputs', () => {
  it('require a UUID order id and a caller', () => {
    for (const dto of [GetOrderInput, CancelOrderInput]) {
      expect(violatedFields(dto, { caller: caller(), orderId: randomUUID() })).toEqual([]);
      expect(violatedFields(dto, { caller: caller(), orderId: '42' })).toEqual(['orderId']);
      expect(violatedFields(dto, { caller: caller() })).toEqual(['orderId']);
      expect(violatedFields(dto, { caller: caller({ roles: ['root'] }), orderId: randomUUID() })).toEqual(['caller.roles']);
      expect(violatedFields(dto, { caller: 'ada', orderId: randomUUID() })).toEqual(['caller']);
    }
  });

  it.each([
    ['GetOrderInput', GetOrderInput, { orderId: randomUUID() }],
    ['CancelOrderInput', CancelOrderInput, { orderId: randomUUID() }],
    ['ListOrdersInput', ListOrdersInput, {}],
  ])('rejects %s without a caller, naming it', (_name, dto, input) => {
    expect(violatedFields(dto, input)).toEqual(['caller']);
  });

  it('page a list within bounds, converting query strings to numbers', () => {
    const customerId = randomUUID();
    const input = validateDto(ListOrdersInput, { caller: caller(), limit: '100', offset: '0', customerId });
    expect(input).toEqual({ caller: caller(), limit: 100, offset: 0, customerId });
    expect(violatedFields(ListOrdersInput, { caller: caller() })).toEqual([]);
    expect(violatedFields(ListOrdersInput, { caller: caller(), limit: 101 })).toEqual(['limit']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), limit: 0 })).toEqual(['limit']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), offset: -1 })).toEqual(['offset']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), offset: 1e21 })).toEqual(['offset']);
    expect(violatedFields(ListOrdersInput, { caller: [] })).toEqual(['caller']);
    expect(violatedFields(ListOrdersInput, { caller: [caller()] })).toEqual(['caller']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), limit: 'ten' })).toEqual(['limit']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), customerId: 'ada' })).toEqual(['customerId']);
    expect(violatedFields(ListOrdersInput, { caller: caller(), customerEmail: 'ada@example.com' })).toEqual(['customerEmail']);
  });

  it('ListOrdersQuery (the HTTP query) takes the filter and paging only: the caller never comes from the query', () => {
    const customerId = randomUUID();
    expect(validateDto(ListOrdersQuery, { customerId, limit: '5' })).toEqual({ customerId, limit: 5 });
    expect(violatedFields(ListOrdersQuery, { caller: caller() })).toEqual(['caller']);
    expect(new ListOrdersInput()).toBeInstanceOf(ListOrdersQuery);
  });
});

describe('order outputs', () => {
  it('knows every status of the order state machine', () => {
    expect(ORDER_STATUSES).toEqual(['PENDING', 'CONFIRMED', 'PAYMENT_FAILED', 'REJECTED', 'ABANDONED', 'CANCELLED']);
  });

  it('OrderList rebuilds nested views (with customerId) and Dates from the wire', () => {
    const customerId = randomUUID();
    const wire = {
      items: [
        {
          id: randomUUID(),
          status: 'REJECTED',
          customerId,
          customerEmail: 'ada@example.com',
          currency: 'EUR',
          total: 1_700,
          lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850, lineTotal: 1_700 }],
          failureReason: 'not enough stock',
          createdAt: '2026-01-02T03:04:05.000Z',
          updatedAt: '2026-01-02T03:04:06.000Z',
        },
      ],
      total: 1,
    };
    const list = toDtoInstance(OrderList, wire);
    expect(list.items[0]).toBeInstanceOf(OrderView);
    expect(list.items[0]!.customerId).toBe(customerId);
    expect(list.items[0]!.createdAt).toEqual(new Date('2026-01-02T03:04:05.000Z'));
  });
});

describe('orders errors', () => {
  const errors = [
    [OrderNotFoundError, 'ORDER_NOT_FOUND', 'not-found'],
    [OrderStateError, 'ORDER_INVALID_STATE', 'conflict'],
    [CheckoutKeyReusedError, 'CHECKOUT_KEY_REUSED', 'conflict'],
    [MixedCurrenciesError, 'MIXED_CURRENCIES', 'conflict'],
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
  const customerId = randomUUID();
  const paymentId = randomUUID();

  it('orders.order-confirmed accepts a wire payload and turns confirmedAt into a Date', () => {
    const json = {
      orderId,
      customerId,
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
    expect(violatedFields(OrderConfirmed.payload, { ...json, customerId: undefined })).toEqual(['customerId']);
  });

  it('orders.order-cancelled accepts a wire payload and turns cancelledAt into a Date', () => {
    const json = { orderId, customerId, customerEmail: 'ada@example.com', total: 1_700, currency: 'EUR', paymentId, cancelledAt: '2026-01-03T00:00:00.000Z' };
    expect(OrderCancelled.type).toBe('orders.order-cancelled');
    const payload = validateDto(OrderCancelled.payload, json);
    expect(payload.cancelledAt).toEqual(new Date('2026-01-03T00:00:00.000Z'));
    expect(violatedFields(OrderCancelled.payload, { ...json, orderId: undefined })).toEqual(['orderId']);
    expect(violatedFields(OrderCancelled.payload, { ...json, customerId: 'ada' })).toEqual(['customerId']);
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
