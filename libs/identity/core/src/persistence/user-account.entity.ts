import { Column, Entity, PrimaryColumn, Unique, type ValueTransformer } from 'typeorm';
import type { Role } from '@foodcourt/platform-kernel';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

// Roles are few and fixed: a comma list ("admin,customer") is portable and readable in a SQL shell.
const roleList: ValueTransformer = {
  to: (roles: Role[] | undefined) => (Array.isArray(roles) ? roles.join(',') : roles),
  from: (value: string | null) => (typeof value === 'string' ? (value.split(',').filter(Boolean) as Role[]) : value),
};

/** One account. The e-mail is stored normalized (trimmed, lower case) and is unique. */
@Entity('user_account')
@Unique('user_account_email', ['email'])
export class UserAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** argon2id PHC string (`$argon2id$v=19$m=…`): never leaves this domain. */
  @Column({ type: 'varchar', length: 255, name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'varchar', length: 100, transformer: roleList })
  roles: Role[];

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;
}
