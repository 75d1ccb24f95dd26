import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/** An Ed25519 key pair that signs access tokens; the newest one signs, all are published in the JWKS. */
@Entity('signing_key')
export class SigningKeyEntity {
  /** The JWK thumbprint (RFC 7638) of the public key: the `kid` of every token it signs. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  /** PKCS#8 PEM. Stored in the domain's own database, readable by whoever can read that database. */
  @Column({ type: 'text', name: 'private_key_pem' })
  privateKeyPem: string;

  /** The public JWK as JSON text: {kty, crv, x, kid, alg, use}. */
  @Column({ type: 'text', name: 'public_jwk' })
  publicJwk: string;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;
}
