import { Injectable } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { JwksSource } from '@foodcourt/platform-auth';
import { SigningKeyStore } from './signing-key-store';

/** The key set of the unit hosting identity: read from identity's own database, no HTTP round trip. */
@Injectable()
export class LocalJwksSource extends JwksSource {
  constructor(private readonly store: SigningKeyStore) {
    super();
  }

  keySet(refresh = false): Promise<JSONWebKeySet> {
    return this.store.publicKeySet(refresh);
  }
}
