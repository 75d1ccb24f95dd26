import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import {
  GetUserInput,
  LoginInput,
  LogoutInput,
  LogoutResult,
  PublicKeySet,
  PublicKeysInput,
  RefreshInput,
  RegisterInput,
  RotateSigningKeyInput,
  SigningKeyRotation,
  TokenPair,
  UserView,
} from './identity.dto';

/** The identity domain's synchronous API: the one declaration local and remote bindings derive from. */
export const IdentityPort = definePort('identity', {
  // A retried register could answer EMAIL_TAKEN for the account it just created; a retried login or
  // refresh would count an attempt twice or find its refresh token used (and revoke the session).
  register: portMethod({ input: RegisterInput, output: UserView, idempotent: false, timeoutMs: 5_000 }),
  login: portMethod({ input: LoginInput, output: TokenPair, idempotent: false, timeoutMs: 5_000 }),
  refresh: portMethod({ input: RefreshInput, output: TokenPair, idempotent: false, timeoutMs: 5_000 }),
  logout: portMethod({ input: LogoutInput, output: LogoutResult, idempotent: true, timeoutMs: 5_000 }),
  getUser: portMethod({ input: GetUserInput, output: UserView, idempotent: true, timeoutMs: 2_000 }),
  /** The JWKS other units verify access tokens with (fetched once, cached). */
  publicKeys: portMethod({ input: PublicKeysInput, output: PublicKeySet, idempotent: true, timeoutMs: 2_000 }),
  /** A new signing key (admins, over HTTP). Not retried: a retry would answer SIGNING_KEY_CHANGED for the rotation it just made. */
  rotateSigningKey: portMethod({ input: RotateSigningKeyInput, output: SigningKeyRotation, idempotent: false, timeoutMs: 5_000 }),
});

export type IdentityApi = PortApi<typeof IdentityPort>;
/** DI token of the identity port. */
export const IDENTITY_API = IdentityPort.token;
