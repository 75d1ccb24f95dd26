import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DomainError, domainErrorFromBody, messagePattern, validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import {
  EmailTakenError,
  GetUserInput,
  IDENTITY_API,
  IdentityPort,
  IdentityRegistered,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  LoginInput,
  LoginRequest,
  LogoutInput,
  LogoutResult,
  PublicKeySet,
  PublicKeysInput,
  RotateSigningKeyInput,
  SigningKeyRotation,
  RefreshInput,
  RegisterInput,
  TokenPair,
  TooManyAttemptsError,
  UserNotFoundError,
  UserRegistered,
  UserView,
} from './index';

/** The fields validateDto rejects `input` for (empty when it is valid). */
function violations(dto: new () => object, input: unknown): ValidationFailedError['violations'] {
  try {
    validateDto(dto, input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.violations;
  }
}
const violatedFields = (dto: new () => object, input: unknown) => violations(dto, input).map((v) => v.field);

const register = (overrides: Record<string, unknown> = {}) => ({
  email: 'ada@example.com',
  password: 'correct horse battery',
  name: 'Ada Lovelace',
  ...overrides,
});

describe('RegisterInput', () => {
  it('accepts a valid registration and normalizes e-mail and name', () => {
    const input = validateDto(RegisterInput, register({ email: '  Ada@Example.COM ', name: ' Ada ' }));
    expect(input).toBeInstanceOf(RegisterInput);
    expect(input).toEqual({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
  });

  it.each([
    ['exactly 12 characters, letters and digits', 'abcdefghijk1'],
    ['128 characters', `${'a'.repeat(127)}1`],
    ['letters and a space', 'correct horse'],
    ['digits and a symbol', '123456789012!'],
    ['non-Latin letters and a digit', 'пароль-пароль-1'],
  ])('accepts a password of %s', (_case, password) => {
    expect(violatedFields(RegisterInput, register({ password }))).toEqual([]);
  });

  it.each([
    ['11 characters', 'abcdefghi1!', /12 to 128 characters/],
    ['129 characters', `${'a'.repeat(128)}1`, /12 to 128 characters/],
    ['letters only', 'abcdefghijklmnop', /letters only or of digits only/],
    ['non-Latin letters only', 'парольпарольпароль', /letters only or of digits only/],
    ['digits only', '1234567890123', /letters only or of digits only/],
    ['a number', 123456789012345, /must be a string/],
  ])('rejects a password of %s, naming password', (_case, password, message) => {
    const [violation, ...others] = violations(RegisterInput, register({ password }));
    expect(others).toEqual([]);
    expect(violation!.field).toBe('password');
    expect(violation!.messages.join(' ')).toMatch(message);
    expect(violation!.messages.every((m) => m.startsWith('password '))).toBe(true);
  });

  it.each([
    ['a malformed e-mail', { email: 'ada' }, 'email'],
    ['an e-mail over 254 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` }, 'email'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 101-character name', { name: 'n'.repeat(101) }, 'name'],
    ['a name with a line break', { name: 'Ada\r\nBcc: everyone@example.com' }, 'name'],
    ['an unknown field', { roles: ['admin'] }, 'roles'],
  ])('rejects %s', (_case, overrides, field) => {
    expect(violatedFields(RegisterInput, register(overrides))).toEqual([field]);
  });
});

describe('LoginRequest and LoginInput', () => {
  const login = { email: ' ADA@example.com', password: 'x' };

  it('LoginRequest takes e-mail and password only: a clientIp in the body is refused', () => {
    expect(validateDto(LoginRequest, login)).toEqual({ email: 'ada@example.com', password: 'x' });
    expect(violatedFields(LoginRequest, { ...login, clientIp: '10.0.0.1' })).toEqual(['clientIp']);
  });

  it('LoginInput also needs the client address, at most 64 characters', () => {
    expect(violatedFields(LoginInput, { ...login, clientIp: '2001:db8::1' })).toEqual([]);
    expect(violatedFields(LoginInput, login)).toEqual(['clientIp']);
    expect(violatedFields(LoginInput, { ...login, clientIp: 'x'.repeat(65) })).toEqual(['clientIp']);
  });

  it('accepts any old password up to 128 characters (no policy at login), refuses an empty one', () => {
    expect(violatedFields(LoginRequest, { ...login, password: 'short' })).toEqual([]);
    expect(violatedFields(LoginRequest, { ...login, password: '' })).toEqual(['password']);
    expect(violatedFields(LoginRequest, { ...login, password: 'p'.repeat(129) })).toEqual(['password']);
  });
});

describe('other identity inputs', () => {
  it.each([RefreshInput, LogoutInput])('%p needs a non-empty refreshToken of at most 256 characters', (dto) => {
    expect(violatedFields(dto, { refreshToken: `${randomUUID()}.secret` })).toEqual([]);
    expect(violatedFields(dto, { refreshToken: '' })).toEqual(['refreshToken']);
    expect(violatedFields(dto, { refreshToken: 't'.repeat(257) })).toEqual(['refreshToken']);
    expect(violatedFields(dto, {})).toEqual(['refreshToken']);
  });

  it('GetUserInput needs a UUID', () => {
    expect(violatedFields(GetUserInput, { userId: randomUUID() })).toEqual([]);
    expect(violatedFields(GetUserInput, { userId: 'me' })).toEqual(['userId']);
  });
});

describe('identity outputs', () => {
  const user = { id: randomUUID(), email: 'ada@example.com', name: 'Ada', roles: ['customer'], createdAt: '2026-01-02T03:04:05.000Z' };

  it('UserView turns the wire date into a Date and refuses an unknown role', () => {
    expect(validateDto(UserView, user).createdAt).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(violatedFields(UserView, { ...user, roles: ['root'] })).toEqual(['roles']);
  });

  it('TokenPair rebuilds its nested user', () => {
    const pair = validateDto(TokenPair, { accessToken: 'a', refreshToken: 'r', tokenType: 'Bearer', expiresIn: 900, user });
    expect(pair.user).toBeInstanceOf(UserView);
    expect(pair.user.createdAt).toBeInstanceOf(Date);
    expect(violatedFields(TokenPair, { accessToken: 'a', refreshToken: 'r', tokenType: 'Basic', expiresIn: 900, user })).toEqual(['tokenType']);
  });
});

describe('identity errors', () => {
  const errors = [
    [EmailTakenError, 'EMAIL_TAKEN', 'conflict'],
    [InvalidCredentialsError, 'INVALID_CREDENTIALS', 'unauthorized'],
    [InvalidRefreshTokenError, 'INVALID_REFRESH_TOKEN', 'unauthorized'],
    [TooManyAttemptsError, 'TOO_MANY_ATTEMPTS', 'rate-limited'],
    [UserNotFoundError, 'USER_NOT_FOUND', 'not-found'],
  ] as const;

  it.each(errors)('%p has the stable code %s and kind %s, and round-trips through its wire body', (ErrorClass, code, kind) => {
    const error = new ErrorClass('boom', { some: 'detail' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    const rebuilt = domainErrorFromBody(JSON.parse(JSON.stringify(error.toBody())));
    expect(rebuilt).toBeInstanceOf(ErrorClass);
    expect(rebuilt.toBody()).toEqual(error.toBody());
  });

  it('TooManyAttemptsError exposes retryAfterSeconds (at least 1)', () => {
    expect(new TooManyAttemptsError('slow down', { retryAfterSeconds: 42 }).retryAfterSeconds).toBe(42);
    expect(new TooManyAttemptsError('slow down', { retryAfterSeconds: 0.2 }).retryAfterSeconds).toBe(1);
    expect(new TooManyAttemptsError('slow down').retryAfterSeconds).toBe(1);
  });
});

describe('identity events', () => {
  it('identity.user-registered validates its payload and turns registeredAt into a Date', () => {
    expect(UserRegistered.type).toBe('identity.user-registered');
    expect(IdentityRegistered).toBe(UserRegistered);
    const payload = validateDto(UserRegistered.payload, { userId: randomUUID(), email: 'ada@example.com', name: 'Ada', registeredAt: '2026-01-02T03:04:05.000Z' });
    expect(payload.registeredAt).toBeInstanceOf(Date);
    expect(violatedFields(UserRegistered.payload, { userId: randomUUID(), email: 'ada@example.com', registeredAt: 'soon' }).sort()).toEqual(['name', 'registeredAt']);
  });
});

describe('IdentityPort', () => {
  it('is registered under the IDENTITY_API symbol', () => {
    expect(IDENTITY_API).toBe(IdentityPort.token);
    expect(typeof IDENTITY_API).toBe('symbol');
    expect(IdentityPort.domain).toBe('identity');
    expect(messagePattern(IdentityPort, 'login')).toBe('identity.login');
  });

  it('declares only logout, getUser and publicKeys as idempotent (safe for a remote binding to retry)', () => {
    const m = IdentityPort.methods;
    expect(Object.keys(m).sort()).toEqual(['getUser', 'login', 'logout', 'publicKeys', 'refresh', 'register', 'rotateSigningKey']);
    expect(m.register).toMatchObject({ input: RegisterInput, output: UserView, idempotent: false });
    expect(m.login).toMatchObject({ input: LoginInput, output: TokenPair, idempotent: false });
    expect(m.refresh).toMatchObject({ input: RefreshInput, output: TokenPair, idempotent: false });
    expect(m.logout).toMatchObject({ input: LogoutInput, output: LogoutResult, idempotent: true });
    expect(m.getUser).toMatchObject({ input: GetUserInput, output: UserView, idempotent: true });
    expect(m.publicKeys).toMatchObject({ input: PublicKeysInput, output: PublicKeySet, idempotent: true });
    expect(m.rotateSigningKey).toMatchObject({ input: RotateSigningKeyInput, output: SigningKeyRotation, idempotent: false });
  });
});
