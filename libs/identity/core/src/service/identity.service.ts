import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  INVALID_CREDENTIALS_MESSAGE,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  normalizeEmail,
  TokenPair,
  UserNotFoundError,
  type GetUserInput,
  type IdentityApi,
  type LoginInput,
  type LogoutInput,
  type LogoutResult,
  type PublicKeySet,
  type PublicKeysInput,
  type RefreshInput,
  type RegisterInput,
  type RotateSigningKeyInput,
  SigningKeyChangedError,
  type SigningKeyRotation,
  type UserView,
} from '@foodcourt/identity-contract';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { DomainDatabase, InjectDomainDatabase, isUniqueViolation } from '@foodcourt/platform-persistence';
import { IdentityConfig } from '../config/identity-config';
import { IDENTITY_DOMAIN } from '../identity-domain';
import { LoginRateLimiter } from '../login/login-rate-limiter';
import { PasswordHasher } from '../passwords/password-hasher';
import { RefreshTokenEntity } from '../persistence/refresh-token.entity';
import { UserAccountEntity } from '../persistence/user-account.entity';
import { AccessTokenIssuer } from '../tokens/access-token-issuer';
import { SigningKeyStore } from '../tokens/signing-key-store';
import { newRefreshToken, parseRefreshToken, secretMatches } from '../tokens/refresh-token-codec';
import { createAccount, emailTakenError } from './accounts';
import { toUserView } from './user-view';

/** How a refresh attempt ended inside its transaction (errors are thrown after it committed). */
type RefreshOutcome = { pair: TokenPair } | { refused: 'invalid' | 'reused'; familyId?: string };

const invalidRefreshToken = () => new InvalidRefreshTokenError('The refresh token is invalid, expired or revoked');

/**
 * The identity port, implemented in-process: accounts with argon2id passwords, EdDSA access
 * tokens and rotating refresh tokens with reuse detection.
 */
@Injectable()
export class IdentityService implements IdentityApi {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    @InjectDomainDatabase(IDENTITY_DOMAIN) private readonly db: DomainDatabase,
    private readonly config: IdentityConfig,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly limiter: LoginRateLimiter,
    private readonly events: EventPublisher,
    private readonly signingKeys: SigningKeyStore,
  ) {}

  /** The public signing keys, for units that verify tokens without hosting identity. */
  async publicKeys({ refresh }: PublicKeysInput): Promise<PublicKeySet> {
    const { keys } = await this.signingKeys.publicKeySet(refresh === true);
    return { keys: keys.map((key) => ({ ...key })) };
  }

  /** A new signing key, if `currentKid` still signs; the replaced key stays published until its tokens have expired. */
  async rotateSigningKey({ currentKid }: RotateSigningKeyInput): Promise<SigningKeyRotation> {
    const outcome = await this.signingKeys.rotate(currentKid);
    if (!outcome.rotated) {
      throw new SigningKeyChangedError(`The signing key is ${outcome.currentKid}, not ${currentKid}: another rotation came first`, { currentKid: outcome.currentKid });
    }
    const { keys } = await this.signingKeys.publicKeySet();
    return { kid: outcome.kid, previousKid: outcome.previousKid, published: keys.map((key) => String(key.kid)), previousRetiresAt: outcome.previousRetiresAt.toISOString() };
  }

  async register({ email, password, name }: RegisterInput): Promise<UserView> {
    const normalized = normalizeEmail(email);
    // Checked before hashing too, so a taken e-mail costs no argon2 run; the unique index decides races.
    if (await this.db.read((m) => m.existsBy(UserAccountEntity, { email: normalized }))) throw emailTakenError(normalized);
    const passwordHash = await this.passwords.hash(password);
    try {
      const account = await this.db.transaction(async (manager) => {
        if (await manager.existsBy(UserAccountEntity, { email: normalized })) throw emailTakenError(normalized);
        return createAccount(manager, this.events, { email: normalized, name, passwordHash, roles: ['customer'] });
      });
      return toUserView(account);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTakenError(normalized);
      throw error;
    }
  }

  async login({ email, password, clientIp }: LoginInput): Promise<TokenPair> {
    const normalized = normalizeEmail(email);
    await this.limiter.admit(normalized, clientIp);
    const account = await this.db.read((m) => m.findOneBy(UserAccountEntity, { email: normalized }));
    // An unknown e-mail still costs one argon2 verification: the answer time does not tell whether it exists.
    const valid = await this.passwords.verify(account?.passwordHash, password);
    if (!account || !valid) throw new InvalidCredentialsError(INVALID_CREDENTIALS_MESSAGE);
    await this.limiter.succeeded(normalized);
    await this.upgradeHashIfOutdated(account, password);
    return this.db.transaction((manager) => this.issueTokenPair(manager, account, randomUUID()));
  }

  async refresh({ refreshToken }: RefreshInput): Promise<TokenPair> {
    const presented = parseRefreshToken(refreshToken);
    if (!presented) throw invalidRefreshToken();
    const outcome = await this.db.transaction(async (manager): Promise<RefreshOutcome> => {
      const stored = await manager.findOneBy(RefreshTokenEntity, { id: presented.id });
      if (!stored || !secretMatches(presented.secret, stored.tokenHash)) return { refused: 'invalid' };
      if (stored.status !== 'ACTIVE') {
        // A used or revoked token shown again: it was copied. End the whole session for thief and owner alike.
        await revokeFamily(manager, stored.familyId);
        return { refused: 'reused', familyId: stored.familyId };
      }
      if (stored.expiresAt.getTime() <= Date.now()) return { refused: 'invalid' };
      // Compare-and-set: of two concurrent refreshes with the same token only one wins; the other counts as reuse.
      const used = await manager.update(RefreshTokenEntity, { id: stored.id, status: 'ACTIVE' }, { status: 'USED' });
      if (used.affected !== 1) {
        await revokeFamily(manager, stored.familyId);
        return { refused: 'reused', familyId: stored.familyId };
      }
      const account = await manager.findOneBy(UserAccountEntity, { id: stored.userId });
      if (!account) {
        await revokeFamily(manager, stored.familyId);
        return { refused: 'invalid' };
      }
      return { pair: await this.issueTokenPair(manager, account, stored.familyId) };
    });
    if ('pair' in outcome) return outcome.pair;
    if (outcome.refused === 'reused') this.logger.warn(`refresh token reused: session ${outcome.familyId} revoked`);
    throw invalidRefreshToken();
  }

  async logout({ refreshToken }: LogoutInput): Promise<LogoutResult> {
    const presented = parseRefreshToken(refreshToken);
    if (presented) {
      await this.db.transaction(async (manager) => {
        const stored = await manager.findOneBy(RefreshTokenEntity, { id: presented.id });
        if (stored && secretMatches(presented.secret, stored.tokenHash)) await revokeFamily(manager, stored.familyId);
      });
    }
    // Unknown, malformed or already revoked: the session is over either way.
    return { loggedOut: true };
  }

  async getUser({ userId }: GetUserInput): Promise<UserView> {
    const account = await this.db.read((m) => m.findOneBy(UserAccountEntity, { id: userId }));
    if (!account) throw new UserNotFoundError(`User ${userId} does not exist`, { userId });
    return toUserView(account);
  }

  /** Stores a new refresh token of `familyId` and signs an access token, in `manager`'s transaction. */
  private async issueTokenPair(manager: EntityManager, account: UserAccountEntity, familyId: string): Promise<TokenPair> {
    const now = new Date();
    const refresh = newRefreshToken();
    await manager.insert(RefreshTokenEntity, {
      id: refresh.id,
      userId: account.id,
      familyId,
      tokenHash: refresh.tokenHash,
      status: 'ACTIVE',
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000),
      createdAt: now,
    });
    const access = await this.accessTokens.issue(account, now);
    const pair = new TokenPair();
    pair.accessToken = access.token;
    pair.refreshToken = refresh.token;
    pair.tokenType = 'Bearer';
    pair.expiresIn = access.expiresIn;
    pair.user = toUserView(account);
    return pair;
  }

  /** After the cost settings were raised, a successful login re-hashes the password with them. */
  private async upgradeHashIfOutdated(account: UserAccountEntity, password: string): Promise<void> {
    if (!this.passwords.isOutdated(account.passwordHash)) return;
    const passwordHash = await this.passwords.hash(password);
    await this.db.transaction((m) => m.update(UserAccountEntity, { id: account.id, passwordHash: account.passwordHash }, { passwordHash }));
  }
}

async function revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
  await manager.update(RefreshTokenEntity, { familyId }, { status: 'REVOKED' });
}
