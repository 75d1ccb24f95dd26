import { Logger } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '@foodcourt/platform-auth';
import type { DomainDatabase } from '@foodcourt/platform-persistence';
import { SigningKeyEntity } from '../persistence/signing-key.entity';

const RELOAD_COOLDOWN_MS = 5_000;
/** How stale this process's copy of the key table may get: a rotation made through another replica signs here within this. */
const SIGNING_KEY_RECHECK_MS = 10_000;
/** Beyond the access-token lifetime, how long a replaced key stays published: clocks differ, and a unit may verify a moment late. */
const RETIREMENT_GRACE_MS = 60_000;

/** How long tokens live, which decides how long a replaced key must stay published. */
export interface SigningKeyStoreOptions {
  accessTokenTtlSeconds: number;
}

/** A loaded signing key: the private half signs, the public JWK is published. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  createdAt: Date;
}

/**
 * The Ed25519 keys in identity's database. The first start generates one; later starts load
 * the stored ones, so tokens issued before a restart still verify. The newest key signs; a
 * rotation adds a newer one, and the one it replaced stays published until every token it signed
 * has expired (access-token lifetime plus a grace), so no token is refused because of a rotation.
 */
export class SigningKeyStore {
  private readonly logger = new Logger(SigningKeyStore.name);
  private keys: SigningKey[] = [];
  private loadedAt = 0;
  private constructor(
    private readonly db: DomainDatabase,
    private readonly options: SigningKeyStoreOptions,
  ) {}

  /** Loads the stored keys, generating and storing the first one when there is none. */
  static async open(db: DomainDatabase, options: SigningKeyStoreOptions): Promise<SigningKeyStore> {
    const store = new SigningKeyStore(db, options);
    await store.load();
    if (store.keys.length === 0) {
      await store.generate();
      await store.load();
    }
    return store;
  }

  /** The key that signs new tokens (the table is re-read in the background when this copy is old: another replica may have rotated). */
  current(): SigningKey {
    const key = this.keys[0];
    if (!key) throw new Error('identity has no signing key');
    if (Date.now() - this.loadedAt >= SIGNING_KEY_RECHECK_MS) this.load().catch((error: Error) => this.logger.warn(`could not re-read the signing keys: ${error.message}`));
    return key;
  }

  /**
   * Makes a new key the signing one, if `expectedKid` still signs (re-read from the table first);
   * otherwise returns the kid that does, and changes nothing.
   */
  async rotate(expectedKid: string): Promise<{ rotated: true; kid: string; previousKid: string; previousRetiresAt: Date } | { rotated: false; currentKid: string }> {
    await this.load();
    const previous = this.current();
    if (previous.kid !== expectedKid) return { rotated: false, currentKid: previous.kid };
    const kid = await this.generate();
    await this.load();
    this.logger.log(`rotated the signing key: ${kid} signs now; ${previous.kid} stays published until its tokens have expired`);
    return { rotated: true, kid, previousKid: previous.kid, previousRetiresAt: new Date(this.current().createdAt.getTime() + this.retirementMs()) };
  }

  /**
   * Every public key (no private part). `reload` re-reads the table first (another replica may
   * have added a key), at most once per RELOAD_COOLDOWN_MS: any client can ask for it by sending
   * a token with an unknown kid.
   */
  async publicKeySet(reload = false): Promise<JSONWebKeySet> {
    if (reload && Date.now() - this.loadedAt >= RELOAD_COOLDOWN_MS) await this.load();
    return { keys: this.published().map((key) => ({ ...key.publicJwk })) };
  }

  /** The signing key, and every older one replaced less than a token lifetime (plus grace) ago. */
  private published(): SigningKey[] {
    return this.keys.filter((key, i) => i === 0 || Date.now() - this.keys[i - 1]!.createdAt.getTime() < this.retirementMs());
  }

  private retirementMs(): number {
    return this.options.accessTokenTtlSeconds * 1_000 + RETIREMENT_GRACE_MS;
  }

  private async load(): Promise<void> {
    this.loadedAt = Date.now();
    const rows = await this.db.read((m) => m.find(SigningKeyEntity, { order: { createdAt: 'DESC', kid: 'ASC' } }));
    const known = new Map(this.keys.map((key) => [key.kid, key]));
    this.keys = await Promise.all(
      rows.map(async (row) => known.get(row.kid) ?? { kid: row.kid, privateKey: await importPKCS8(row.privateKeyPem, TOKEN_ALGORITHM), publicJwk: JSON.parse(row.publicJwk) as JWK, createdAt: row.createdAt }),
    );
  }

  private async generate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const { kty, crv, x } = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint({ kty, crv, x });
    const publicJwk: JWK = { kty, crv, x, kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    const privateKeyPem = await exportPKCS8(privateKey);
    // Two replicas starting on an empty database each store a key: both are published, the newest signs.
    await this.db.transaction((m) => m.insert(SigningKeyEntity, { kid, privateKeyPem, publicJwk: JSON.stringify(publicJwk), createdAt: new Date() }));
    this.logger.log(`generated signing key ${kid}`);
    return kid;
  }
}
