import 'reflect-metadata';
import { violatedFields, DomainError, domainErrorFromBody, messagePattern, toDtoInstance, validateDto } from '@foodcourt/platform-kernel';
import { randomUUID } from 'node:crypto';
import {
  AuthorizePaymentInput,
  CapturePaymentInput,
  GetPaymentInput,
  IdempotencyKeyReusedError,
  ListPaymentsInput,
  ListPaymentsQuery,
  MAX_PAYMENT_AMOUNT,
  PAYMENTS_API,
  PaymentCaptured,
  PaymentDeclinedError,
  PaymentFailed,
  PaymentList,
  PaymentNotFoundError,
  PaymentsPort,
  PaymentStateError,
  PaymentView,
  RefundPaymentInput,
} from './index';
import { anAuthorization } from './testing';


/** A valid authorization with `overrides` (which may be invalid on purpose). */
const authorize = (overrides: Record<string, unknown> = {}) => ({ ...anAuthorization({ idempotencyKey: 'order:1' }), ...overrides });

const caller = (overrides: Record<string, unknown> = {}) => ({ id: randomUUID(), email: 'ada@example.com', roles: ['customer'], ...overrides });

describe('AuthorizePaymentInput', () => {
  it('accepts a valid authorization, with or without a receipt e-mail', () => {
    expect(validateDto(AuthorizePaymentInput, authorize())).toBeInstanceOf(AuthorizePaymentInput);
    expect(violatedFields(AuthorizePaymentInput, authorize({ receiptEmail: undefined }))).toEqual([]);
  });

  it.each([
    ['the largest amount', { amount: MAX_PAYMENT_AMOUNT }],
    ['the smallest amount', { amount: 1 }],
    ['a 200-character key', { idempotencyKey: 'k'.repeat(200) }],
  ])('accepts %s', (_case, overrides) => {
    expect(violatedFields(AuthorizePaymentInput, authorize(overrides))).toEqual([]);
  });

  it.each([
    ['an amount over MAX_PAYMENT_AMOUNT', { amount: MAX_PAYMENT_AMOUNT + 1 }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -5 }, 'amount'],
    ['a fractional amount', { amount: 12.5 }, 'amount'],
    ['an amount sent as a string', { amount: '1250' }, 'amount'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a two-letter currency', { currency: 'EU' }, 'currency'],
    ['an order id that is not a UUID', { orderId: 'order-1' }, 'orderId'],
    ['a missing customer id', { customerId: undefined }, 'customerId'],
    ['a customer id that is not a UUID', { customerId: 'ada' }, 'customerId'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
    ['a 201-character idempotency key', { idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
    ['a malformed receipt e-mail', { receiptEmail: 'ada' }, 'receiptEmail'],
    ['an unknown field', { surcharge: 3 }, 'surcharge'],
  ])('rejects %s', (_case, overrides, field) => {
    expect(violatedFields(AuthorizePaymentInput, authorize(overrides))).toEqual([field]);
  });

  it('names every offending field at once', () => {
    expect(violatedFields(AuthorizePaymentInput, authorize({ amount: 0, currency: 'x' })).sort()).toEqual(['amount', 'currency']);
  });
});

describe('other payment inputs', () => {
  it.each([CapturePaymentInput, RefundPaymentInput, GetPaymentInput])('%p requires a UUID paymentId', (dto) => {
    expect(violatedFields(dto, { paymentId: randomUUID() })).toEqual([]);
    expect(violatedFields(dto, { paymentId: 'nope' })).toEqual(['paymentId']);
    expect(violatedFields(dto, {})).toEqual(['paymentId']);
  });

  it('ListPaymentsInput requires a UUID orderId', () => {
    expect(violatedFields(ListPaymentsInput, { orderId: randomUUID() })).toEqual([]);
    expect(violatedFields(ListPaymentsInput, { orderId: 'x' })).toEqual(['orderId']);
  });

  it.each([
    ['GetPaymentInput', GetPaymentInput as new () => { caller?: unknown }, { paymentId: randomUUID() }],
    ['ListPaymentsInput', ListPaymentsInput as new () => { caller?: unknown }, { orderId: randomUUID() }],
  ])('%s takes an optional caller, validated and rebuilt as a nested instance', (_name, dto, base) => {
    // Without a caller: a trusted call from another domain.
    expect(violatedFields(dto, base)).toEqual([]);
    const admin = caller({ roles: ['admin'] });
    expect(validateDto(dto, { ...base, caller: admin }).caller).toEqual(admin);
    expect(violatedFields(dto, { ...base, caller: caller({ id: 'ada' }) })).toEqual(['caller.id']);
    expect(violatedFields(dto, { ...base, caller: caller({ email: 'ada@' }) })).toEqual(['caller.email']);
    expect(violatedFields(dto, { ...base, caller: caller({ roles: ['root'] }) })).toEqual(['caller.roles']);
    expect(violatedFields(dto, { ...base, caller: caller({ name: 'Ada' }) })).toEqual(['caller.name']);
    expect(violatedFields(dto, { ...base, caller: 'ada' })).toEqual(['caller']);
  });

  it('ListPaymentsQuery (the HTTP query) takes the order id only: the caller never comes from the query', () => {
    const orderId = randomUUID();
    expect(validateDto(ListPaymentsQuery, { orderId })).toEqual({ orderId });
    expect(violatedFields(ListPaymentsQuery, {})).toEqual(['orderId']);
    expect(violatedFields(ListPaymentsQuery, { orderId, caller: caller({ roles: ['admin'] }) })).toEqual(['caller']);
    expect(new ListPaymentsInput()).toBeInstanceOf(ListPaymentsQuery);
  });
});

describe('payment outputs', () => {
  const json = {
    id: randomUUID(),
    orderId: randomUUID(),
    customerId: randomUUID(),
    status: 'CAPTURED',
    amount: 1_250,
    currency: 'EUR',
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:06.000Z',
  };

  it('PaymentView turns wire dates into Dates and refuses an unknown status', () => {
    const view = validateDto(PaymentView, json);
    expect(view.createdAt).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(view.updatedAt).toBeInstanceOf(Date);
    expect(view.customerId).toBe(json.customerId);
    expect(violatedFields(PaymentView, { ...json, status: 'PENDING' })).toEqual(['status']);
    expect(violatedFields(PaymentView, { ...json, customerId: undefined })).toEqual(['customerId']);
  });

  it('PaymentList rebuilds nested views with Dates', () => {
    const list = toDtoInstance(PaymentList, { items: [json] });
    expect(list.items[0]).toBeInstanceOf(PaymentView);
    expect(list.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(violatedFields(PaymentList, { items: [{ ...json, amount: 'a lot' }] })).toEqual(['items.0.amount']);
  });
});

describe('payments errors', () => {
  const errors = [
    [PaymentDeclinedError, 'PAYMENT_DECLINED', 'payment-required'],
    [PaymentNotFoundError, 'PAYMENT_NOT_FOUND', 'not-found'],
    [PaymentStateError, 'PAYMENT_INVALID_STATE', 'conflict'],
    [IdempotencyKeyReusedError, 'IDEMPOTENCY_KEY_REUSED', 'conflict'],
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
    const details = { paymentId: randomUUID(), orderId: randomUUID(), reason: 'insufficient funds' };
    const original = new ErrorClass('Payment declined: insufficient funds', details);
    const rebuilt = domainErrorFromBody(JSON.parse(JSON.stringify(original.toBody())));
    expect(rebuilt).toBeInstanceOf(ErrorClass);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.details).toEqual(details);
    expect(rebuilt.toBody()).toEqual(original.toBody());
  });
});

describe('payments events', () => {
  const base = { paymentId: randomUUID(), orderId: randomUUID(), amount: 1_250, currency: 'EUR', receiptEmail: 'ada@example.com' };

  it('payments.payment-captured accepts a wire payload and turns capturedAt into a Date', () => {
    expect(PaymentCaptured.type).toBe('payments.payment-captured');
    const payload = validateDto(PaymentCaptured.payload, { ...base, capturedAt: '2026-01-02T03:04:05.000Z' });
    expect(payload.capturedAt).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(violatedFields(PaymentCaptured.payload, { ...base, receiptEmail: undefined, capturedAt: '2026-01-02T03:04:05.000Z' })).toEqual([]);
    expect(violatedFields(PaymentCaptured.payload, { ...base, capturedAt: 'not a date' })).toEqual(['capturedAt']);
  });

  it('payments.payment-failed accepts a wire payload with its reason and turns failedAt into a Date', () => {
    expect(PaymentFailed.type).toBe('payments.payment-failed');
    const payload = validateDto(PaymentFailed.payload, { ...base, reason: 'insufficient funds', failedAt: '2026-01-02T03:04:05.000Z' });
    expect(payload.failedAt).toBeInstanceOf(Date);
    expect(payload.reason).toBe('insufficient funds');
    expect(violatedFields(PaymentFailed.payload, { ...base, failedAt: '2026-01-02T03:04:05.000Z' })).toEqual(['reason']);
  });
});

describe('PaymentsPort', () => {
  it('is registered under a symbol token, the PAYMENTS_API token', () => {
    expect(typeof PaymentsPort.token).toBe('symbol');
    expect(PAYMENTS_API).toBe(PaymentsPort.token);
    expect(PaymentsPort.domain).toBe('payments');
  });

  it('declares each method with its DTOs and as idempotent (safe for a remote binding to retry)', () => {
    const m = PaymentsPort.methods;
    expect(Object.keys(m).sort()).toEqual(['authorize', 'capture', 'get', 'listForOrder', 'refund']);
    expect(m.authorize).toMatchObject({ input: AuthorizePaymentInput, output: PaymentView, idempotent: true });
    expect(m.capture).toMatchObject({ input: CapturePaymentInput, output: PaymentView, idempotent: true });
    expect(m.refund).toMatchObject({ input: RefundPaymentInput, output: PaymentView, idempotent: true });
    expect(m.get).toMatchObject({ input: GetPaymentInput, output: PaymentView, idempotent: true });
    expect(m.listForOrder).toMatchObject({ input: ListPaymentsInput, output: PaymentList, idempotent: true });
    expect(messagePattern(PaymentsPort, 'authorize')).toBe('payments.authorize');
  });
});
