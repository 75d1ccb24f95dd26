import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IDENTITY_API, RotateSigningKeyInput, SigningKeyRotation, type IdentityApi } from '@foodcourt/identity-contract';
import { Roles } from '@foodcourt/platform-auth';

/** Operator endpoint of the identity domain (admins only): rotation of the access-token signing key. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('admin/identity')
export class SigningKeysAdminController {
  constructor(@Inject(IDENTITY_API) private readonly identity: IdentityApi) {}

  @Post('rotate-signing-key')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Rotate the access-token signing key',
    description:
      'A new key signs every token from now on. The replaced key stays in /.well-known/jwks.json until the last token it signed has expired, so no session ends; units meeting the new kid fetch the key set again. `npm run identity:rotate-key` calls this.',
  })
  @ApiOkResponse({ type: SigningKeyRotation })
  @ApiBadRequestResponse({ description: 'The body is invalid (code VALIDATION_FAILED)' })
  @ApiUnauthorizedResponse({ description: 'No valid access token (code UNAUTHORIZED)' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin (code FORBIDDEN)' })
  @ApiConflictResponse({ description: 'currentKid no longer signs: another rotation came first (code SIGNING_KEY_CHANGED, details.currentKid)' })
  rotate(@Body() body: RotateSigningKeyInput): Promise<SigningKeyRotation> {
    return this.identity.rotateSigningKey(body);
  }
}
