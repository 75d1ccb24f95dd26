import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { DomainDatabase, InjectDomainDatabase, isUniqueViolation } from '@foodcourt/platform-persistence';
import { IdentityConfig } from '../config/identity-config';
import { IDENTITY_DOMAIN } from '../identity-domain';
import { PasswordHasher } from '../passwords/password-hasher';
import { UserAccountEntity } from '../persistence/user-account.entity';
import { createAccount } from './accounts';

/**
 * The first admin: with IDENTITY_ADMIN_EMAIL and IDENTITY_ADMIN_PASSWORD set, start-up creates
 * that account with roles admin + customer when no account has the e-mail. Idempotent across
 * restarts; an existing account is never changed (no role granted, no password reset).
 */
@Injectable()
export class AdminBootstrap implements OnModuleInit {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @InjectDomainDatabase(IDENTITY_DOMAIN) private readonly db: DomainDatabase,
    private readonly config: IdentityConfig,
    private readonly passwords: PasswordHasher,
    private readonly events: EventPublisher,
  ) {}

  async onModuleInit(): Promise<void> {
    const { adminEmail: email, adminPassword: password } = this.config;
    if (!email || !password) return;
    const existing = await this.db.read((m) => m.findOneBy(UserAccountEntity, { email }));
    if (existing) {
      if (!existing.roles.includes('admin')) {
        this.logger.warn(`IDENTITY_ADMIN_EMAIL ${email} belongs to an existing account without the admin role; it was left unchanged`);
      }
      return;
    }
    const passwordHash = await this.passwords.hash(password);
    try {
      await this.db.transaction(async (manager) => {
        if (await manager.existsBy(UserAccountEntity, { email })) return;
        await createAccount(manager, this.events, { email, name: 'Administrator', passwordHash, roles: ['admin', 'customer'] });
        this.logger.log(`created the admin account ${email}`);
      });
    } catch (error) {
      // Another replica created it at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
