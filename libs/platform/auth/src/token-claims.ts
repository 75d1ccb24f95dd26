/** Who issues access tokens and for whom: checked on every verification. */
export const TOKEN_ISSUER = 'foodcourt-identity';
export const TOKEN_AUDIENCE = 'foodcourt';
/** The only signature algorithm accepted (Ed25519). */
export const TOKEN_ALGORITHM = 'EdDSA';
