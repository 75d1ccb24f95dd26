import { IsString, Length, Matches } from 'class-validator';

/** Shortest password accepted at registration (and for the configured admin). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted anywhere: bounds the work one hashing request can cause. */
export const MAX_PASSWORD_LENGTH = 128;

// Neither only letters nor only digits (any script); everything else is the user's choice.
const NOT_ONLY_LETTERS_OR_DIGITS = /^(?!\p{L}+$)(?!\p{N}+$)/su;

/**
 * The password policy: 12 to 128 characters, not entirely letters and not entirely digits.
 * Messages name the property (`password`, or the config field it is applied to).
 */
export function IsAcceptablePassword(): PropertyDecorator {
  const rules = [
    IsString(),
    Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, {
      message: `$property must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`,
    }),
    Matches(NOT_ONLY_LETTERS_OR_DIGITS, { message: '$property must not consist of letters only or of digits only' }),
  ];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
}

/** How e-mail addresses are compared and stored: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
