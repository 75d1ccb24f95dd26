import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsDate, IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '../errors/common-errors';
import { dtoInstanceMaker, dtoValidator, toDtoInstance, validateDto } from './dto-validator';

class Line {
  @IsString() sku: string;
  @IsInt() @Min(1) quantity: number;
}

class Order {
  @IsString() customer: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines: Line[];
}

class Appointment {
  @IsDate()
  @Type(() => Date)
  at: Date;
}

function validationErrorOf(run: () => unknown): ValidationFailedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return error as ValidationFailedError;
  }
  throw new Error('expected a ValidationFailedError, nothing was thrown');
}

describe('validateDto', () => {
  it('returns an instance of the DTO class, nested DTOs included', () => {
    const order = validateDto(Order, { customer: 'ada', lines: [{ sku: 'A', quantity: 2 }] });
    expect(order).toBeInstanceOf(Order);
    expect(order.lines[0]).toBeInstanceOf(Line);
    expect(order).toEqual({ customer: 'ada', lines: [{ sku: 'A', quantity: 2 }] });
  });

  it('names a nested field by its full path in the violations and in the message', () => {
    const error = validationErrorOf(() =>
      validateDto(Order, { customer: 'ada', lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 0 }] }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.kind).toBe('invalid-input');
    expect(error.violations).toEqual([{ field: 'lines.1.quantity', messages: ['lines.1.quantity must not be less than 1'] }]);
    expect(error.message).toBe('Invalid input: lines.1.quantity: lines.1.quantity must not be less than 1');
  });

  it('reports every offending field, not only the first', () => {
    const error = validationErrorOf(() => validateDto(Order, { customer: 7, lines: [{ sku: 'A', quantity: 'two' }] }));
    expect(error.violations.map((v) => v.field)).toEqual(['customer', 'lines.0.quantity']);
  });

  it('rejects an unknown field and names it', () => {
    const error = validationErrorOf(() => validateDto(Order, { customer: 'ada', lines: [], discount: 100 }));
    expect(error.violations).toEqual([{ field: 'discount', messages: [expect.stringContaining('discount')] }]);
    expect(error.message).toContain('discount');
  });

  it('rejects a key shadowing Object.prototype (__proto__, constructor, toString, as JSON.parse makes them) anywhere in the input, naming it, rather than failing internally', () => {
    for (const [json, field] of [
      ['{"customer":"ada","lines":[],"__proto__":null}', '__proto__'],
      ['{"customer":{"__proto__":null},"lines":[]}', 'customer.__proto__'],
      ['{"customer":{"constructor":{"admin":true}},"lines":[]}', 'customer.constructor'],
      ['{"customer":"ada","lines":[{"sku":"A","quantity":{"toString":{"admin":true}}}]}', 'lines.0.quantity.toString'],
      ['{"customer":"ada","lines":[{"sku":"A","quantity":{"x":{"__proto__":{"admin":true}}}}]}', 'lines.0.quantity.x.__proto__'],
    ]) {
      const error = validationErrorOf(() => validateDto(Order, JSON.parse(json!)));
      expect(error.violations).toEqual([{ field, messages: [`${field} is not allowed`] }]);
    }
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('rejects a string with a lone surrogate, naming the field, rather than failing internally', () => {
    class Contact {
      @IsEmail() email: string;
    }
    const error = validationErrorOf(() => validateDto(Contact, JSON.parse('{"email":"a\\ud800@example.com"}')));
    expect(error.violations).toEqual([{ field: 'email', messages: ['email must be well-formed Unicode text'] }]);
    class Note {
      @IsString() text: string;
    }
    expect(() => validateDto(Note, { text: 'paired 😀 is fine' })).not.toThrow();
  });

  it('rejects an unknown field inside a nested DTO with its full path', () => {
    const error = validationErrorOf(() => validateDto(Order, { customer: 'ada', lines: [{ sku: 'A', quantity: 1, free: true }] }));
    expect(error.violations.map((v) => v.field)).toEqual(['lines.0.free']);
  });

  it.each([
    ['null', null],
    ['an array', [{ customer: 'ada', lines: [] }]],
    ['a string', '{"customer":"ada","lines":[]}'],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects %s as input with the field (root)', (_label, input) => {
    const error = validationErrorOf(() => validateDto(Order, input));
    expect(error.violations).toEqual([{ field: '(root)', messages: ['must be a JSON object'] }]);
    expect(error.message).toContain('(root)');
  });

  it('converts an ISO string to a Date when the DTO declares @Type(() => Date)', () => {
    const appointment = validateDto(Appointment, { at: '2026-03-04T05:06:07.089Z' });
    expect(appointment.at).toBeInstanceOf(Date);
    expect(appointment.at.toISOString()).toBe('2026-03-04T05:06:07.089Z');
  });

  it('rejects a string that is not a date', () => {
    const error = validationErrorOf(() => validateDto(Appointment, { at: 'next tuesday' }));
    expect(error.violations.map((v) => v.field)).toEqual(['at']);
  });
});

describe('dtoValidator and dtoInstanceMaker', () => {
  it('are validateDto and toDtoInstance for one class, resolved once', () => {
    const validate = dtoValidator(Order);
    expect(validate).toBe(dtoValidator(Order));
    expect(validate({ customer: 'ada', lines: [] })).toBeInstanceOf(Order);
    expect(validationErrorOf(() => validate({ customer: 'ada', lines: [], discount: 1 })).violations.map((v) => v.field)).toEqual(['discount']);
    expect(dtoInstanceMaker(Appointment)({ at: '2026-03-04T05:06:07.089Z' }).at).toBeInstanceOf(Date);
  });
});

describe('toDtoInstance', () => {
  it('turns a plain object into an instance with nested DTOs and Dates, without validating', () => {
    const appointment = toDtoInstance(Appointment, { at: '2026-03-04T05:06:07.089Z' });
    expect(appointment).toBeInstanceOf(Appointment);
    expect(appointment.at).toEqual(new Date('2026-03-04T05:06:07.089Z'));
  });

  it('copies Dates and nested DTOs rather than sharing them with the value it was given', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const line = { sku: 'A', quantity: 1 };
    const order = toDtoInstance(Order, { customer: 'ada', lines: [line] });
    expect(order.lines[0]).toBeInstanceOf(Line);
    expect(order.lines[0]).not.toBe(line);
    const appointment = toDtoInstance(Appointment, { at });
    expect(appointment.at).toEqual(at);
    expect(appointment.at).not.toBe(at);
  });

  it('returns an existing instance unchanged', () => {
    const appointment = new Appointment();
    appointment.at = new Date(0);
    expect(toDtoInstance(Appointment, appointment)).toBe(appointment);
  });
});
