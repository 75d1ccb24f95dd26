// Spec support (the `@foodcourt/payments-contract/testing` entry): what every implementation of
// PaymentsPort must do, as far as its consumers (orders' checkout, cancel and recovery) rely on it.
// payments-core runs it against the real core on SQLite, payments-contract against FakePayments:
// a fake that drifts from the core fails here, not in some other domain's green test.
import { randomUUID } from 'node:crypto';
import type { CallerInput } from '@foodcourt/platform-kernel';
import { failureOf, sleep } from '@foodcourt/platform-kernel/testing';
import { IdempotencyKeyReusedError, PaymentDeclinedError, PaymentNotFoundError, PaymentStateError } from '../payments.errors';
import type { PaymentsApi } from '../payments.port';
import { anAuthorization } from './an-authorization';

/** One implementation under test, reached through its port; close() frees what start() took. */
export interface PaymentsPortSubject {
  port: PaymentsApi;
  /**
   * From now on the provider declines every new authorization with `reason` (undefined: approves
   * again). Declines are the provider's decision, which no port call can ask for.
   */
  declineAuthorizationsWith(reason: string | undefined): void;
  close(): Promise<void>;
}

const customer = (id: string): CallerInput => ({ id, email: 'ada@example.com', roles: ['customer'] });
const admin: CallerInput = { id: randomUUID(), email: 'root@example.com', roles: ['admin'] };

/** Defines the PaymentsPort contract suite; `start` builds a fresh payments domain (approving) for every case. */
export function describePaymentsPortContract(label: string, start: () => Promise<PaymentsPortSubject>): void {
  describe(`PaymentsPort contract: ${label}`, () => {
    let subject: PaymentsPortSubject;
    let payments: PaymentsApi;

    beforeEach(async () => {
      subject = await start();
      payments = subject.port;
    });

    afterEach(() => subject.close());

    describe('authorize', () => {
      it('answers an AUTHORIZED payment for the order, customer and amount asked, which get answers too', async () => {
        const request = anAuthorization();
        const paid = await payments.authorize(request);
        expect(paid).toMatchObject({ orderId: request.orderId, customerId: request.customerId, status: 'AUTHORIZED', amount: 1_250, currency: 'EUR', receiptEmail: 'ada@example.com' });
        expect(paid.declineReason).toBeUndefined();
        expect(paid.createdAt).toBeInstanceOf(Date);
        expect(await payments.get({ paymentId: paid.id })).toEqual(paid);
      });

      it('leaves receiptEmail out when none was given', async () => {
        const paid = await payments.authorize(anAuthorization({ receiptEmail: undefined }));
        expect(paid.receiptEmail).toBeUndefined();
      });

      it('answers a repeated key with the same payment: a retry never pays twice', async () => {
        const request = anAuthorization();
        const first = await payments.authorize(request);
        expect(await payments.authorize({ ...request })).toEqual(first);
        expect((await payments.listForOrder({ orderId: request.orderId })).items).toEqual([first]);
      });

      it('refuses a key reused with another amount or customer with IdempotencyKeyReusedError naming the fields, keeping the first payment', async () => {
        const request = anAuthorization();
        const first = await payments.authorize(request);
        const error = await failureOf(payments.authorize({ ...request, amount: 999, customerId: randomUUID() }));
        expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
        expect(error).toMatchObject({ details: { fields: ['customerId', 'amount'] } });
        expect((await payments.listForOrder({ orderId: request.orderId })).items).toEqual([first]);
      });

      it('declines with PaymentDeclinedError naming payment, order and reason, and answers a retry of the key the same even once the card would pass', async () => {
        subject.declineAuthorizationsWith('card expired');
        const request = anAuthorization();
        const error = await failureOf(payments.authorize(request));
        expect(error).toBeInstanceOf(PaymentDeclinedError);
        const [declined] = (await payments.listForOrder({ orderId: request.orderId })).items;
        expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'card expired', amount: 1_250 });
        expect(error).toMatchObject({ details: { paymentId: declined!.id, orderId: request.orderId, reason: 'card expired' } });

        subject.declineAuthorizationsWith(undefined);
        const retry = await failureOf(payments.authorize({ ...request }));
        expect(retry).toBeInstanceOf(PaymentDeclinedError);
        expect(retry).toMatchObject({ details: { paymentId: declined!.id } });
        await expect(payments.capture({ paymentId: declined!.id })).rejects.toBeInstanceOf(PaymentStateError);
        // A new key is a new attempt, judged afresh.
        await expect(payments.authorize({ ...request, idempotencyKey: `${request.idempotencyKey}:2` })).resolves.toMatchObject({ status: 'AUTHORIZED' });
      });
    });

    describe('capture and refund', () => {
      it('captures an authorized payment once: a repeated capture answers it unchanged', async () => {
        const paid = await payments.authorize(anAuthorization());
        const captured = await payments.capture({ paymentId: paid.id });
        expect(captured).toMatchObject({ id: paid.id, status: 'CAPTURED' });
        expect(await payments.capture({ paymentId: paid.id })).toEqual(captured);
        expect(await payments.get({ paymentId: paid.id })).toEqual(captured);
      });

      it('refunds a captured payment once, and refuses to refund an uncaptured one or capture a refunded one with PaymentStateError', async () => {
        const paid = await payments.authorize(anAuthorization());
        const error = await failureOf(payments.refund({ paymentId: paid.id }));
        expect(error).toBeInstanceOf(PaymentStateError);
        expect(error).toMatchObject({ details: { paymentId: paid.id, status: 'AUTHORIZED' } });

        await payments.capture({ paymentId: paid.id });
        const refunded = await payments.refund({ paymentId: paid.id });
        expect(refunded).toMatchObject({ id: paid.id, status: 'REFUNDED' });
        expect(await payments.refund({ paymentId: paid.id })).toEqual(refunded);
        await expect(payments.capture({ paymentId: paid.id })).rejects.toBeInstanceOf(PaymentStateError);
      });

      it('answers an unknown payment id with PaymentNotFoundError naming it, for get, capture and refund', async () => {
        const paymentId = randomUUID();
        for (const call of [payments.get({ paymentId }), payments.capture({ paymentId }), payments.refund({ paymentId })]) {
          const error = await failureOf(call);
          expect(error).toBeInstanceOf(PaymentNotFoundError);
          expect(error).toMatchObject({ details: { paymentId } });
        }
      });
    });

    describe('reading payments', () => {
      it('lists the payments of one order only, oldest first', async () => {
        const orderId = randomUUID();
        const first = await payments.authorize(anAuthorization({ orderId }));
        await sleep(5); // distinct creation times, so the order is not left to ids
        const second = await payments.authorize(anAuthorization({ orderId }));
        await payments.authorize(anAuthorization());
        expect((await payments.listForOrder({ orderId })).items.map((p) => p.id)).toEqual([first.id, second.id]);
        expect(await payments.listForOrder({ orderId: randomUUID() })).toEqual({ items: [] });
      });

      it('with a caller, shows a payment to its customer and admins only; to anyone else it is not found', async () => {
        const request = anAuthorization();
        const paid = await payments.authorize(request);
        expect(await payments.get({ paymentId: paid.id, caller: customer(request.customerId) })).toEqual(paid);
        expect(await payments.get({ paymentId: paid.id, caller: admin })).toEqual(paid);
        const error = await failureOf(payments.get({ paymentId: paid.id, caller: customer(randomUUID()) }));
        expect(error).toBeInstanceOf(PaymentNotFoundError);
        expect(error).toMatchObject({ details: { paymentId: paid.id } });

        await payments.authorize(anAuthorization({ orderId: request.orderId }));
        expect((await payments.listForOrder({ orderId: request.orderId, caller: customer(request.customerId) })).items.map((p) => p.id)).toEqual([paid.id]);
        expect((await payments.listForOrder({ orderId: request.orderId, caller: admin })).items).toHaveLength(2);
        expect(await payments.listForOrder({ orderId: request.orderId, caller: customer(randomUUID()) })).toEqual({ items: [] });
      });
    });
  });
}
