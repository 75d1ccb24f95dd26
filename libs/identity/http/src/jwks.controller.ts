import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JSONWebKeySet, JWK } from 'jose';
import { JwksSource, Public } from '@foodcourt/platform-auth';

// Members of a public JWK (RFC 7517/7518/8037); private ones (d, p, q, …) are never copied.
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use', 'key_ops'] as const;

/** The public keys that verify access tokens, for units and clients that verify them themselves. */
@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly jwks: JwksSource) {}

  @Get('jwks.json')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'JSON Web Key Set of the access-token signing keys (Ed25519)' })
  @ApiOkResponse({ description: '{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"…","x":"…","alg":"EdDSA","use":"sig"}]}' })
  async keySet(): Promise<JSONWebKeySet> {
    const { keys } = await this.jwks.keySet();
    return { keys: keys.map(publicPart) };
  }
}

function publicPart(key: JWK): JWK {
  const copy: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) if (key[member] !== undefined) copy[member] = key[member];
  return copy as JWK;
}
