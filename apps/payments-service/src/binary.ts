import { serviceBinary } from '@foodcourt/contract-registry';
import { PaymentsCoreModule } from '@foodcourt/payments-core';

/** The payments service: the payments core, everything else remote. */
export const PAYMENTS_SERVICE = serviceBinary('payments', PaymentsCoreModule);
