import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EmailTakenError, UserRegistered } from '@foodcourt/identity-contract';
import type { Role } from '@foodcourt/platform-kernel';
import type { EventPublisher } from '@foodcourt/platform-messaging';
import { UserAccountEntity } from '../persistence/user-account.entity';

/** What a new account is made of; `email` is already normalized and `passwordHash` computed. */
export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
}

/** Inserts the account and publishes identity.user-registered in the caller's transaction. */
export async function createAccount(manager: EntityManager, events: EventPublisher, account: NewAccount): Promise<UserAccountEntity> {
  const row: UserAccountEntity = { id: randomUUID(), ...account, createdAt: new Date() };
  await manager.insert(UserAccountEntity, row);
  await events.publish(manager, UserRegistered, { userId: row.id, email: row.email, name: row.name, registeredAt: row.createdAt });
  return row;
}

export function emailTakenError(email: string): EmailTakenError {
  return new EmailTakenError(`An account with the e-mail ${email} exists already`, { email });
}
