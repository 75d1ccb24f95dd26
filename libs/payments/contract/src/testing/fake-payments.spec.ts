import { createLocalBinding } from '@foodcourt/platform-kernel';
import { PaymentsPort } from '../payments.port';
import { describePaymentsPortContract, FakePayments } from './index';

// Bound the way orders' tests bind it: validated input, DTO instances out.
describePaymentsPortContract('FakePayments', async () => {
  const fake = new FakePayments();
  return {
    port: createLocalBinding(PaymentsPort, fake),
    declineAuthorizationsWith: (reason) => (fake.declineWith = reason),
    close: async () => undefined,
  };
});
