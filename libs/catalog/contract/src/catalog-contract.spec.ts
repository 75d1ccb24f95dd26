import 'reflect-metadata';
import { violatedFields, DomainError, domainErrorFromBody, messagePattern, validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import { randomUUID } from 'node:crypto';
import {
  CATALOG_API,
  CatalogPort,
  CreateProductInput,
  GetProductInput,
  GetProductsInput,
  InsufficientStockError,
  ListProductsInput,
  MAX_PRICE,
  MAX_STOCK,
  ProductChanged,
  ProductExistsError,
  ProductList,
  ProductNotFoundError,
  ProductView,
  ReleaseStockInput,
  ReservationMismatchError,
  ReservationView,
  ReserveStockInput,
  UpdateProductInput,
} from './index';


const product = (overrides: Record<string, unknown> = {}) => ({
  sku: 'PIZZA-MARGHERITA',
  name: 'Pizza Margherita',
  description: 'Tomato, mozzarella, basil',
  price: 950,
  currency: 'EUR',
  stock: 10,
  ...overrides,
});
const line = (overrides: Record<string, unknown> = {}) => ({ sku: 'PIZZA-MARGHERITA', quantity: 2, ...overrides });
const reservation = (overrides: Record<string, unknown> = {}) => ({ orderId: randomUUID(), lines: [line()], ...overrides });

describe('CreateProductInput', () => {
  it('accepts a valid product', () => {
    const input = validateDto(CreateProductInput, product());
    expect(input).toBeInstanceOf(CreateProductInput);
    expect(input).toEqual(product());
  });

  it.each([
    ['a one-character sku', { sku: 'A' }],
    ['a 64-character sku', { sku: `A${'-9'.repeat(31)}B` }],
    ['a sku of digits', { sku: '42' }],
    ['a price of 1 (the lowest)', { price: 1 }],
    ['a price of MAX_PRICE', { price: MAX_PRICE }],
    ['no stock', { stock: 0 }],
    ['MAX_STOCK units', { stock: MAX_STOCK }],
    ['an empty description', { description: '' }],
    ['another currency', { currency: 'USD' }],
  ])('accepts %s (the bound itself)', (_case, overrides) => {
    expect(violatedFields(CreateProductInput, product(overrides))).toEqual([]);
  });

  it.each([
    ['a lower-case sku', { sku: 'pizza' }, 'sku'],
    ['a sku starting with a dash', { sku: '-PIZZA' }, 'sku'],
    ['a 65-character sku', { sku: 'A'.repeat(65) }, 'sku'],
    ['a sku with a space', { sku: 'PIZZA MARGHERITA' }, 'sku'],
    ['an empty sku', { sku: '' }, 'sku'],
    ['a zero price', { price: 0 }, 'price'],
    ['a negative price', { price: -5 }, 'price'],
    ['a price over MAX_PRICE', { price: MAX_PRICE + 1 }, 'price'],
    ['a fractional price', { price: 9.5 }, 'price'],
    ['a price sent as a string', { price: '950' }, 'price'],
    ['a negative stock', { stock: -1 }, 'stock'],
    ['a stock over MAX_STOCK', { stock: MAX_STOCK + 1 }, 'stock'],
    ['a fractional stock', { stock: 1.5 }, 'stock'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a two-letter currency', { currency: 'EU' }, 'currency'],
    ['a four-letter currency', { currency: 'EURO' }, 'currency'],
    ['a currency symbol', { currency: '€' }, 'currency'],
    ['an empty name', { name: '' }, 'name'],
    ['a 201-character name', { name: 'n'.repeat(201) }, 'name'],
    ['a 2,001-character description', { description: 'd'.repeat(2_001) }, 'description'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['a version (the catalog keeps it)', { version: 3 }, 'version'],
  ])('rejects %s', (_case, overrides, field) => {
    expect(violatedFields(CreateProductInput, product(overrides))).toEqual([field]);
  });

  it('names every missing field', () => {
    expect(violatedFields(CreateProductInput, {}).sort()).toEqual(['currency', 'description', 'name', 'price', 'sku', 'stock']);
  });

  it('explains the sku and the currency rules', () => {
    try {
      validateDto(CreateProductInput, product({ sku: 'pizza', currency: 'euro' }));
      throw new Error('expected a ValidationFailedError');
    } catch (error) {
      expect((error as ValidationFailedError).violations).toEqual([
        { field: 'sku', messages: ['sku must be 1-64 upper-case letters, digits or dashes'] },
        { field: 'currency', messages: ['currency must be a three-letter ISO 4217 code such as EUR'] },
      ]);
    }
  });

  it('rejects input that is not an object', () => {
    expect(violatedFields(CreateProductInput, [product()])).toEqual(['(root)']);
    expect(violatedFields(CreateProductInput, null)).toEqual(['(root)']);
  });
});

describe('UpdateProductInput', () => {
  it('accepts any subset of the changes, even none, and never a currency', () => {
    expect(violatedFields(UpdateProductInput, { sku: 'COLA' })).toEqual([]);
    expect(violatedFields(UpdateProductInput, { sku: 'COLA', price: 120, stock: 0 })).toEqual([]);
    expect(violatedFields(UpdateProductInput, { sku: 'COLA', currency: 'USD' })).toEqual(['currency']);
    expect(violatedFields(UpdateProductInput, { sku: 'COLA', price: 0 })).toEqual(['price']);
    expect(violatedFields(UpdateProductInput, { price: 120 })).toEqual(['sku']);
  });
});

describe('ReserveStockInput', () => {
  it('accepts a reservation and builds its lines', () => {
    const input = validateDto(ReserveStockInput, reservation({ lines: [line(), line({ sku: 'COLA', quantity: 1 })] }));
    expect(input).toBeInstanceOf(ReserveStockInput);
    expect(input.lines[1]).toEqual({ sku: 'COLA', quantity: 1 });
  });

  it.each([
    ['100 lines', { lines: Array.from({ length: 100 }, () => line()) }],
    ['the same sku on two lines (the catalog merges them)', { lines: [line(), line()] }],
    ['a quantity of 1', { lines: [line({ quantity: 1 })] }],
    ['a quantity of MAX_STOCK', { lines: [line({ quantity: MAX_STOCK })] }],
  ])('accepts %s', (_case, overrides) => {
    expect(violatedFields(ReserveStockInput, reservation(overrides))).toEqual([]);
  });

  it.each([
    ['an order id that is not a UUID', { orderId: 'order-1' }, 'orderId'],
    ['no order id', { orderId: undefined }, 'orderId'],
    ['no lines', { lines: [] }, 'lines'],
    ['101 lines', { lines: Array.from({ length: 101 }, () => line()) }, 'lines'],
    ['lines that are not an array', { lines: 'PIZZA' }, 'lines'],
    ['a zero quantity', { lines: [line({ quantity: 0 })] }, 'lines.0.quantity'],
    ['a negative quantity', { lines: [line({ quantity: -1 })] }, 'lines.0.quantity'],
    ['a fractional quantity', { lines: [line({ quantity: 1.5 })] }, 'lines.0.quantity'],
    ['a quantity over MAX_STOCK', { lines: [line({ quantity: MAX_STOCK + 1 })] }, 'lines.0.quantity'],
    ['a lower-case sku', { lines: [line(), line({ sku: 'cola' })] }, 'lines.1.sku'],
    ['an unknown line field', { lines: [line({ unitPrice: 850 })] }, 'lines.0.unitPrice'],
    ['an unknown field', { customerId: randomUUID() }, 'customerId'],
  ])('rejects %s', (_case, overrides, field) => {
    expect(violatedFields(ReserveStockInput, reservation(overrides))).toEqual([field]);
  });
});

describe('other inputs', () => {
  it('GetProductsInput wants 1..100 unique valid skus', () => {
    expect(violatedFields(GetProductsInput, { skus: ['PIZZA-MARGHERITA', 'COLA'] })).toEqual([]);
    expect(violatedFields(GetProductsInput, { skus: Array.from({ length: 100 }, (_, i) => `SKU-${i}`) })).toEqual([]);
    expect(violatedFields(GetProductsInput, { skus: ['COLA', 'COLA'] })).toEqual(['skus']);
    expect(violatedFields(GetProductsInput, { skus: [] })).toEqual(['skus']);
    expect(violatedFields(GetProductsInput, { skus: Array.from({ length: 101 }, (_, i) => `SKU-${i}`) })).toEqual(['skus']);
    expect(violatedFields(GetProductsInput, { skus: ['COLA', 'cola'] })).toEqual(['skus']);
    expect(violatedFields(GetProductsInput, { skus: 'COLA' })).toEqual(['skus']);
  });

  it('GetProductInput wants a valid sku', () => {
    expect(violatedFields(GetProductInput, { sku: 'COLA' })).toEqual([]);
    expect(violatedFields(GetProductInput, { sku: 'cola' })).toEqual(['sku']);
  });

  it('ReleaseStockInput wants a UUID order id', () => {
    expect(violatedFields(ReleaseStockInput, { orderId: randomUUID() })).toEqual([]);
    expect(violatedFields(ReleaseStockInput, { orderId: '42' })).toEqual(['orderId']);
  });

  it('ListProductsInput converts a query to numbers and bounds the page', () => {
    expect(validateDto(ListProductsInput, { limit: '5', offset: '10' })).toEqual({ limit: 5, offset: 10 });
    expect(violatedFields(ListProductsInput, {})).toEqual([]);
    expect(violatedFields(ListProductsInput, { limit: '0' })).toEqual(['limit']);
    expect(violatedFields(ListProductsInput, { limit: '101' })).toEqual(['limit']);
    expect(violatedFields(ListProductsInput, { offset: '-1' })).toEqual(['offset']);
    // 1e21 is an integer to class-validator, and no valid SQL offset once written as 1e+21.
    expect(violatedFields(ListProductsInput, { offset: '1e21' })).toEqual(['offset']);
    expect(violatedFields(ListProductsInput, { offset: 1e21 })).toEqual(['offset']);
  });
});

describe('catalog errors', () => {
  const errors = [
    [ProductNotFoundError, 'PRODUCT_NOT_FOUND', 'not-found', { skus: ['NOPE'] }],
    [ProductExistsError, 'PRODUCT_EXISTS', 'conflict', { sku: 'COLA' }],
    [InsufficientStockError, 'INSUFFICIENT_STOCK', 'conflict', { sku: 'COLA', requested: 3, available: 1 }],
    [ReservationMismatchError, 'RESERVATION_MISMATCH', 'conflict', { orderId: '3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41' }],
  ] as const;

  it('have unique, stable codes', () => {
    const codes = errors.map(([ErrorClass]) => new ErrorClass('probe').code);
    expect(codes).toEqual(errors.map(([, code]) => code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(errors)('%p round-trips through its wire body as the same class (code %s, kind %s)', (ErrorClass, code, kind, details) => {
    const error = new ErrorClass('refused', { ...details });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toBody()).toEqual({ code, kind, message: 'refused', details });
    const rebuilt = domainErrorFromBody(error.toBody());
    expect(rebuilt).toBeInstanceOf(ErrorClass);
    expect(rebuilt).toMatchObject({ code, kind, message: 'refused', details });
  });
});

describe('catalog events', () => {
  const json = {
    sku: 'PIZZA-MARGHERITA',
    name: 'Pizza Margherita',
    description: 'Tomato, mozzarella, basil',
    price: 950,
    currency: 'EUR',
    stock: 10,
    version: 3,
    changedAt: '2026-01-02T03:04:05.000Z',
  };

  it('catalog.product-changed accepts a wire payload and turns changedAt into a Date', () => {
    expect(ProductChanged.type).toBe('catalog.product-changed');
    const payload = validateDto(ProductChanged.payload, json);
    expect(payload).toBeInstanceOf(ProductChanged.payload);
    expect(payload.changedAt).toBeInstanceOf(Date);
    expect(payload.changedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(payload).toMatchObject({ ...json, changedAt: new Date(json.changedAt) });
  });

  it.each([
    ['a changedAt that is not a date', { changedAt: 'yesterday' }, 'changedAt'],
    ['a version 0', { version: 0 }, 'version'],
    ['a negative stock', { stock: -1 }, 'stock'],
    ['a price sent as a string', { price: '950' }, 'price'],
    ['no sku', { sku: undefined }, 'sku'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses a payload with %s', (_case, overrides, field) => {
    expect(violatedFields(ProductChanged.payload, { ...json, ...overrides })).toEqual([field]);
  });
});

describe('CatalogPort', () => {
  it('declares every method with its DTOs; only create may not be retried', () => {
    const m = CatalogPort.methods;
    expect(CatalogPort.domain).toBe('catalog');
    expect(CATALOG_API).toBe(CatalogPort.token);
    expect(m.create).toMatchObject({ input: CreateProductInput, output: ProductView, idempotent: false });
    expect(m.update).toMatchObject({ input: UpdateProductInput, output: ProductView, idempotent: true });
    expect(m.get).toMatchObject({ input: GetProductInput, output: ProductView, idempotent: true });
    expect(m.getMany).toMatchObject({ input: GetProductsInput, output: ProductList, idempotent: true });
    expect(m.list).toMatchObject({ input: ListProductsInput, output: ProductList, idempotent: true });
    expect(m.reserveStock).toMatchObject({ input: ReserveStockInput, output: ReservationView, idempotent: true });
    expect(m.releaseStock).toMatchObject({ input: ReleaseStockInput, output: ReservationView, idempotent: true });
    expect(Object.entries(m).filter(([, spec]) => !spec.idempotent).map(([name]) => name)).toEqual(['create']);
    expect(messagePattern(CatalogPort, 'reserveStock')).toBe('catalog.reserveStock');
  });
});
