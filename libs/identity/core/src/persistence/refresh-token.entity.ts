import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

export const REFRESH_TOKEN_STATUSES = ['ACTIVE', 'USED', 'REVOKED'] as const;
export type RefreshTokenStatus = (typeof REFRESH_TOKEN_STATUSES)[number];

/**
 * One refresh token. The token the client holds is `<id>.<secret>`; only sha256(secret) is
 * stored. Tokens issued by refreshing one another share a family (one login session).
 */
@Entity('refresh_token')
@Index('refresh_token_family', ['familyId'])
@Index('refresh_token_user', ['userId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  @Column({ type: 'varchar', length: 36, name: 'family_id' })
  familyId: string;

  /** Hex sha256 of the secret part: a 256-bit random secret needs no slow hash. */
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'varchar', length: 10 })
  status: RefreshTokenStatus;

  @IsoDateColumn({ name: 'expires_at' })
  expiresAt: Date;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;
}
