import type { TestingModule } from '@nestjs/testing';
import { IdentityPort, type IdentityApi } from '@foodcourt/identity-contract';
import { TokenVerifier } from '@foodcourt/platform-auth';
import { OutboxEventRecord } from '@foodcourt/platform-messaging';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { applyEnv, startDomainTestApp, type DomainTestApp } from '@foodcourt/platform-testing';
import { IdentityCoreModule } from '../identity-core.module';
import { IDENTITY_DOMAIN } from '../identity-domain';
import { RefreshTokenEntity } from '../persistence/refresh-token.entity';
import { SigningKeyEntity } from '../persistence/signing-key.entity';
import { UserAccountEntity } from '../persistence/user-account.entity';
import { LocalJwksSource } from '../tokens/local-jwks-source';

/** An identity domain on a real SQLite database in a temp dir, reached through its port (test support). */
export interface IdentityTestContext {
  app: TestingModule;
  dataDir: string;
  identity: IdentityApi;
  jwks: LocalJwksSource;
  /** platform-auth's verifier fed by this domain's key set, as AuthModule would build it. */
  verifier: TokenVerifier;
  db: DomainDatabase;
  accounts(): Promise<UserAccountEntity[]>;
  refreshTokens(): Promise<RefreshTokenEntity[]>;
  signingKeys(): Promise<SigningKeyEntity[]>;
  outboxRows(): Promise<OutboxEventRecord[]>;
  /** Shuts the app down; deletes a temp data dir unless `keepData` (to start again on the same database). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface IdentityTestOptions {
  /** Reuse a data dir (a restart; the caller deletes it); a fresh temp dir by default. */
  dataDir?: string;
  /** IDENTITY_* variables for this start (undefined removes one); argon2 runs at its floor cost unless given. */
  env?: Record<string, string | undefined>;
}

const IDENTITY_VARIABLES = [
  'IDENTITY_ACCESS_TOKEN_TTL_SECONDS',
  'IDENTITY_REFRESH_TOKEN_TTL_SECONDS',
  'IDENTITY_LOGIN_MAX_PER_EMAIL',
  'IDENTITY_LOGIN_MAX_PER_IP',
  'IDENTITY_ARGON2_MEMORY_KIB',
  'IDENTITY_ARGON2_TIME_COST',
  'IDENTITY_ADMIN_EMAIL',
  'IDENTITY_ADMIN_PASSWORD',
];

/** Builds and initializes the context with exactly the given IDENTITY_* environment (restored afterwards). */
export async function startIdentityContext(options: IdentityTestOptions = {}): Promise<IdentityTestContext> {
  const restoreEnv = applyEnv({
    ...Object.fromEntries(IDENTITY_VARIABLES.map((name) => [name, undefined])),
    IDENTITY_ARGON2_MEMORY_KIB: '8192',
    ...options.env,
  });
  let started: DomainTestApp;
  try {
    started = await startDomainTestApp({
      imports: [IdentityCoreModule],
      messaging: { relayEnabled: false, pollIntervalMs: 50, retryMaxMs: 100 },
      dataDir: options.dataDir,
      tempDirPrefix: 'identity-core-',
    });
  } finally {
    restoreEnv();
  }
  const { app, dataDir } = started;
  const db = started.database(IDENTITY_DOMAIN);
  const jwks = app.get(LocalJwksSource);
  return {
    app,
    dataDir,
    identity: app.get<IdentityApi>(IdentityPort.token),
    jwks,
    verifier: new TokenVerifier(jwks),
    db,
    accounts: () => db.read((m) => m.find(UserAccountEntity, { order: { createdAt: 'ASC' } })),
    refreshTokens: () => db.read((m) => m.find(RefreshTokenEntity, { order: { createdAt: 'ASC' } })),
    signingKeys: () => db.read((m) => m.find(SigningKeyEntity)),
    outboxRows: () => db.read((m) => m.find(OutboxEventRecord, { order: { occurredAt: 'ASC' } })),
    close: ({ keepData = false } = {}) => (keepData ? app.close() : started.close()),
  };
}
