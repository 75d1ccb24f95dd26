import { serviceBinary } from '@foodcourt/contract-registry';
import { IdentityCoreModule } from '@foodcourt/identity-core';

/** The identity service: the identity core, everything else remote. */
export const IDENTITY_SERVICE = serviceBinary('identity', IdentityCoreModule);
