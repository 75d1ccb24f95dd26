import { Logger } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '@foodcourt/platform-auth';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { SigningKeyEntity } from '../persistence/signing-key.entity';

const RELOAD_COOLDOWN_MS = 5_000;

/** A loaded signing key: the private half signs, the public JWK is published. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  createdAt: Date;
}

/**
 * The Ed25519 keys in identity's database. The first start generates one; later starts load
 * the stored ones, so tokens issued before a restart still verify. The newest key signs.
 */
export class SigningKeyStore {
  private readonly logger = new Logger(SigningKeyStore.name);
  private keys: SigningKey[] = [];
  private loadedAt = 0;

  private constructor(private readonly db: DomainDatabase) {}

  /** Loads the stored keys, generating and storing the first one when there is none. */
  static async open(db: DomainDatabase): Promise<SigningKeyStore> {
    const store = new SigningKeyStore(db);
    await store.load();
    if (store.keys.length === 0) {
      await store.generate();
      await store.load();
    }
    return store;
  }

  /** The key that signs new tokens. */
  current(): SigningKey {
    const key = this.keys[0];
    if (!key) throw new Error('identity has no signing key');
    return key;
  }

  /**
   * Every public key (no private part). `reload` re-reads the table first (another replica may
   * have added a key), at most once per RELOAD_COOLDOWN_MS: any client can ask for it by sending
   * a token with an unknown kid.
   */
  async publicKeySet(reload = false): Promise<JSONWebKeySet> {
    if (reload && Date.now() - this.loadedAt >= RELOAD_COOLDOWN_MS) await this.load();
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  private async load(): Promise<void> {
    this.loadedAt = Date.now();
    const rows = await this.db.read((m) => m.find(SigningKeyEntity, { order: { createdAt: 'DESC', kid: 'ASC' } }));
    const known = new Map(this.keys.map((key) => [key.kid, key]));
    this.keys = await Promise.all(
      rows.map(async (row) => known.get(row.kid) ?? { kid: row.kid, privateKey: await importPKCS8(row.privateKeyPem, TOKEN_ALGORITHM), publicJwk: JSON.parse(row.publicJwk) as JWK, createdAt: row.createdAt }),
    );
  }

  private async generate(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const { kty, crv, x } = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint({ kty, crv, x });
    const publicJwk: JWK = { kty, crv, x, kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    const privateKeyPem = await exportPKCS8(privateKey);
    // Two replicas starting on an empty database each store a key: both are published, the newest signs.
    await this.db.transaction((m) => m.insert(SigningKeyEntity, { kid, privateKeyPem, publicJwk: JSON.stringify(publicJwk), createdAt: new Date() }));
    this.logger.log(`generated signing key ${kid}`);
  }
}
