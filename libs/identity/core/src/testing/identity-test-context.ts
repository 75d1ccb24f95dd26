import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { IdentityPort, type IdentityApi } from '@foodcourt/identity-contract';
import { TokenVerifier } from '@foodcourt/platform-auth';
import { MessagingModule, OutboxEventRecord, type MessagingConfig } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
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
  /** Shuts the app down; deletes the data dir unless `keepData` (to start again on the same database). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface IdentityTestOptions {
  /** Reuse a data dir (a restart); a fresh temp dir by default. */
  dataDir?: string;
  /** IDENTITY_* variables for this start (undefined removes one); argon2 runs at its floor cost unless given. */
  env?: Record<string, string | undefined>;
}

const messaging: MessagingConfig = { relayEnabled: false, pollIntervalMs: 50, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 100 };
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
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'identity-core-'));
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(IDENTITY_VARIABLES.map((name) => [name, undefined])),
    IDENTITY_ARGON2_MEMORY_KIB: '8192',
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  setEnv(env);
  let app: TestingModule | undefined;
  try {
    app = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ driver: 'sqlite', dataDir }), MessagingModule.forRoot(messaging), IdentityCoreModule],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    await app.init();
  } catch (error) {
    await app?.close();
    // A failed compile does not wait for sibling factories: let the database open finish before deleting its dir.
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    setEnv(saved);
  }
  const db = app.get<DomainDatabase>(domainDatabaseToken(IDENTITY_DOMAIN));
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
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
