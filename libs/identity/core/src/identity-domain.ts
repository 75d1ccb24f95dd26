/** The domain name: its database (`identity.sqlite` / schema `identity`) and its port. */
export const IDENTITY_DOMAIN = 'identity';
