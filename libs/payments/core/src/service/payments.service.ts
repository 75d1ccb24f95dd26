import { randomUUID } from 'node:crypto';
import type { CallerInput } from '@foodcourt/platform-kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { DomainDatabase, InjectDomainDatabase, isUniqueViolation } from '@foodcourt/platform-persistence';
import {
  PaymentCaptured,
  PaymentFailed,
  type AuthorizePaymentInput,
  type CapturePaymentInput,
  type GetPaymentInput,
  type ListPaymentsInput,
  type PaymentList,
  type PaymentsApi,
  type PaymentView,
  type RefundPaymentInput,
} from '@foodcourt/payments-contract';
import { PaymentEntity } from '../persistence/payment.entity';
import { PAYMENT_PROVIDER, type AuthorizationResult, type PaymentProvider } from '../provider/payment-provider';
import { KeyedLock } from './keyed-lock';
import { declinedError, keyReuseError, notFoundError, stateError } from './payment-errors';
import { capturedPayload, failedPayload } from './payment-events';
import { toPaymentView } from './payment-view';
import { transition } from './transition';

/**
 * The payments port, implemented in-process. One idempotency key is one payment and at most one
 * provider authorization; every write and its event commit in one transaction.
 */
@Injectable()
export class PaymentsService implements PaymentsApi {
  // Serializes calls on the same key/payment in this process; the unique key covers other processes.
  private readonly lock = new KeyedLock();

  constructor(
    @InjectDomainDatabase('payments') private readonly db: DomainDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly events: EventPublisher,
  ) {}

  authorize(input: AuthorizePaymentInput): Promise<PaymentView> {
    return this.lock.run(`key:${input.idempotencyKey}`, async () => {
      const existing = await this.findByKey(input.idempotencyKey);
      if (existing) return answer(existing, input);
      const decision = await this.provider.authorize(input.amount, input.currency, input.idempotencyKey);
      try {
        return answer(await this.db.transaction((manager) => this.record(manager, input, decision)), input);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another process stored this key first: answer as a retry would.
        const winner = await this.findByKey(input.idempotencyKey);
        if (!winner) throw error;
        return answer(winner, input);
      }
    });
  }

  capture({ paymentId }: CapturePaymentInput): Promise<PaymentView> {
    return this.lock.run(`payment:${paymentId}`, async () => {
      const payment = await this.load(paymentId);
      if (payment.status === 'CAPTURED') return toPaymentView(payment);
      if (payment.status !== 'AUTHORIZED') throw stateError(payment, 'captured', 'AUTHORIZED');
      await this.provider.capture(payment.providerReference ?? payment.id);
      return this.db.transaction(async (manager) => {
        const outcome = await transition(manager, payment, 'AUTHORIZED', 'CAPTURED');
        if (!outcome) throw stateError(payment, 'captured', 'AUTHORIZED');
        if (outcome.changed) await this.events.publish(manager, PaymentCaptured, capturedPayload(outcome.payment));
        return toPaymentView(outcome.payment);
      });
    });
  }

  refund({ paymentId }: RefundPaymentInput): Promise<PaymentView> {
    return this.lock.run(`payment:${paymentId}`, async () => {
      const payment = await this.load(paymentId);
      if (payment.status === 'REFUNDED') return toPaymentView(payment);
      if (payment.status !== 'CAPTURED') throw stateError(payment, 'refunded', 'CAPTURED');
      await this.provider.refund(payment.providerReference ?? payment.id);
      return this.db.transaction(async (manager) => {
        const outcome = await transition(manager, payment, 'CAPTURED', 'REFUNDED');
        if (!outcome) throw stateError(payment, 'refunded', 'CAPTURED');
        return toPaymentView(outcome.payment);
      });
    });
  }

  async get({ paymentId, caller }: GetPaymentInput): Promise<PaymentView> {
    const payment = await this.load(paymentId);
    // Someone else's payment is reported missing: its existence is not the caller's business.
    if (caller && !mayRead(caller, payment)) throw notFoundError(paymentId);
    return toPaymentView(payment);
  }

  async listForOrder({ orderId, caller }: ListPaymentsInput): Promise<PaymentList> {
    const rows = await this.db.read((m) => m.find(PaymentEntity, { where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } }));
    return { items: rows.filter((p) => !caller || mayRead(caller, p)).map(toPaymentView) };
  }

  /** Stores the provider's decision; a decline also writes payments.payment-failed to the outbox. */
  private async record(manager: EntityManager, input: AuthorizePaymentInput, decision: AuthorizationResult): Promise<PaymentEntity> {
    const now = new Date();
    const payment: PaymentEntity = {
      id: randomUUID(),
      idempotencyKey: input.idempotencyKey,
      orderId: input.orderId,
      customerId: input.customerId,
      status: decision.approved ? 'AUTHORIZED' : 'DECLINED',
      amount: input.amount,
      currency: input.currency,
      receiptEmail: input.receiptEmail ?? null,
      declineReason: decision.approved ? null : decision.reason,
      providerReference: decision.approved ? decision.reference : null,
      createdAt: now,
      updatedAt: now,
    };
    await manager.insert(PaymentEntity, payment);
    if (!decision.approved) await this.events.publish(manager, PaymentFailed, failedPayload(payment));
    return payment;
  }

  private findByKey(idempotencyKey: string): Promise<PaymentEntity | null> {
    return this.db.read((m) => m.findOneBy(PaymentEntity, { idempotencyKey }));
  }

  private async load(paymentId: string): Promise<PaymentEntity> {
    const payment = await this.db.read((m) => m.findOneBy(PaymentEntity, { id: paymentId }));
    if (!payment) throw notFoundError(paymentId);
    return payment;
  }
}

/** Customers read their own payments; admins read all. */
function mayRead(caller: CallerInput, payment: PaymentEntity): boolean {
  return caller.roles.includes('admin') || caller.id === payment.customerId;
}

/** What an authorization with `input` answers for the payment stored under its key. */
function answer(payment: PaymentEntity, input: AuthorizePaymentInput): PaymentView {
  const reuse = keyReuseError(payment, input);
  if (reuse) throw reuse;
  if (payment.status === 'DECLINED') throw declinedError(payment);
  return toPaymentView(payment);
}
