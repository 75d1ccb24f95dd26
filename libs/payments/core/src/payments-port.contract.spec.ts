import 'reflect-metadata';
import { describePaymentsPortContract } from '@foodcourt/payments-contract/testing';
import { startPaymentsContext } from './testing/payments-test-context';

// The contract the fakes of other domains' tests are held to, run against the real core.
describePaymentsPortContract('the payments core on SQLite', async () => {
  const ctx = await startPaymentsContext();
  const authorize = ctx.provider.authorize.bind(ctx.provider);
  let declineReason: string | undefined;
  // The provider is the one thing no port call controls: its decision is switched here.
  jest.spyOn(ctx.provider, 'authorize').mockImplementation((amount, currency, reference) =>
    declineReason === undefined ? authorize(amount, currency, reference) : Promise.resolve({ approved: false, reason: declineReason }),
  );
  return {
    port: ctx.payments,
    declineAuthorizationsWith: (reason) => (declineReason = reason),
    close: ctx.close,
  };
});
