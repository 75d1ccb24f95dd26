import { randomBytes } from 'node:crypto';
import { argon2id, hash, needsRehash, verify } from 'argon2';
import type { IdentityConfig } from '../config/identity-config';

/**
 * argon2id password hashing with the configured cost. An unknown e-mail is answered after
 * verifying against a dummy hash of the same cost, so a login takes as long whether the
 * account exists or not.
 */
export class PasswordHasher {
  private constructor(
    private readonly cost: { memoryCost: number; timeCost: number; parallelism: number },
    private readonly dummyHash: string,
  ) {}

  /** Computes the dummy hash once, at start-up. */
  static async create(config: Pick<IdentityConfig, 'argon2MemoryKib' | 'argon2TimeCost'>): Promise<PasswordHasher> {
    const cost = { memoryCost: config.argon2MemoryKib, timeCost: config.argon2TimeCost, parallelism: 1 };
    const dummyHash = await hash(randomBytes(32).toString('base64url'), { ...cost, type: argon2id });
    return new PasswordHasher(cost, dummyHash);
  }

  hash(password: string): Promise<string> {
    return hash(password, { ...this.cost, type: argon2id });
  }

  /** True when `password` matches `storedHash`; with no stored hash it spends the same time and answers false. */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    if (storedHash === undefined) {
      await verify(this.dummyHash, password);
      return false;
    }
    return verify(storedHash, password);
  }

  /** True when `storedHash` was made with other parameters than the configured ones (rehash on next login). */
  isOutdated(storedHash: string): boolean {
    return needsRehash(storedHash, this.cost);
  }
}
