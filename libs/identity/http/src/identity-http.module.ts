import { Module } from '@nestjs/common';
import { IdentityController } from './identity.controller';
import { JwksController } from './jwks.controller';
import { SigningKeysAdminController } from './signing-keys-admin.controller';

/**
 * The identity HTTP API (/auth/*, /.well-known/jwks.json). Needs IDENTITY_API and a JwksSource
 * bound in the application (identity's core, or a remote proxy and IdentityPortJwksSource) and
 * AuthModule.forRoot() for the guard.
 */
@Module({ controllers: [IdentityController, JwksController, SigningKeysAdminController] })
export class IdentityHttpModule {}
