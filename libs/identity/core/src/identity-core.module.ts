import { Module } from '@nestjs/common';
import { IdentityPort } from '@foodcourt/identity-contract';
import { JwksSource } from '@foodcourt/platform-auth';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@foodcourt/platform-messaging';
import { domainDatabaseToken, PersistenceModule, type DomainDatabase } from '@foodcourt/platform-persistence';
import { bindLocalPort, UnitDirectory } from '@foodcourt/platform-ports';
import { IdentityConfig, identityConfigFromEnv } from './config/identity-config';
import { IDENTITY_DOMAIN } from './identity-domain';
import { LoginRateLimiter } from './login/login-rate-limiter';
import { PasswordHasher } from './passwords/password-hasher';
import { CreateIdentityTables1764000000300 } from './persistence/create-identity-tables.migration';
import { RefreshTokenEntity } from './persistence/refresh-token.entity';
import { SigningKeyEntity } from './persistence/signing-key.entity';
import { UserAccountEntity } from './persistence/user-account.entity';
import { AdminBootstrap } from './service/admin-bootstrap';
import { IdentityService } from './service/identity.service';
import { AccessTokenIssuer } from './tokens/access-token-issuer';
import { LocalJwksSource } from './tokens/local-jwks-source';
import { SigningKeyStore } from './tokens/signing-key-store';

/**
 * The identity domain hosted in this process: its database, signing keys, the local binding of
 * IdentityPort and the JwksSource that AuthModule's TokenVerifier uses here (keys read locally).
 * Needs PersistenceModule.forRoot and MessagingModule.forRoot in the application; settings come
 * from IDENTITY_* environment variables, validated when the module is created.
 */
@Module({
  imports: [
    PersistenceModule.forDomain({
      domain: IDENTITY_DOMAIN,
      entities: [UserAccountEntity, RefreshTokenEntity, SigningKeyEntity, ...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, CreateIdentityTables1764000000300],
    }),
  ],
  providers: [
    { provide: IdentityConfig, useFactory: () => identityConfigFromEnv() },
    { provide: PasswordHasher, useFactory: (config: IdentityConfig) => PasswordHasher.create(config), inject: [IdentityConfig] },
    {
      // On Redis when REDIS_URL is set (every replica counts together), else in this process's memory.
      provide: LoginRateLimiter,
      useFactory: (config: IdentityConfig, directory?: UnitDirectory) =>
        LoginRateLimiter.open(config, process.env['FOODCOURT_NAMESPACE'] || directory?.resolved.topology.name || 'foodcourt'),
      inject: [IdentityConfig, { token: UnitDirectory, optional: true }],
    },
    {
      provide: SigningKeyStore,
      useFactory: (db: DomainDatabase, config: IdentityConfig) => SigningKeyStore.open(db, { accessTokenTtlSeconds: config.accessTokenTtlSeconds }),
      inject: [domainDatabaseToken(IDENTITY_DOMAIN), IdentityConfig],
    },
    LocalJwksSource,
    { provide: JwksSource, useExisting: LocalJwksSource },
    AccessTokenIssuer,
    IdentityService,
    AdminBootstrap,
    bindLocalPort(IdentityPort, IdentityService),
  ],
  exports: [IdentityPort.token, JwksSource, LocalJwksSource],
})
export class IdentityCoreModule {}
