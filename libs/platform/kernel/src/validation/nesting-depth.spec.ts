import { ValidationFailedError } from '../errors/common-errors';
import { assertNestingWithin } from './nesting-depth';

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('assertNestingWithin', () => {
  it('accepts what our DTOs nest', () => {
    expect(() => assertNestingWithin({ lines: [{ sku: 'A', quantity: 1 }], note: { a: { b: 1 } } })).not.toThrow();
    expect(() => assertNestingWithin({ deep: nested(31) })).not.toThrow();
  });

  it('refuses 2,000 nested arrays naming the field, without overflowing the stack', () => {
    const error = (() => {
      try {
        assertNestingWithin({ email: 'a@example.com', password: nested(2_000) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).violations).toEqual([{ field: 'password', messages: ['password is nested more than 32 levels deep'] }]);
    expect(() => assertNestingWithin({ deep: nested(33) })).toThrow(ValidationFailedError);
  });
});
