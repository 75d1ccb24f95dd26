import { randomUUID } from 'node:crypto';
import {
  PaymentDeclinedError,
  PaymentNotFoundError,
  PaymentStateError,
  type AuthorizePaymentInput,
  type CapturePaymentInput,
  type GetPaymentInput,
  type ListPaymentsInput,
  type PaymentList,
  type PaymentsApi,
  type PaymentView,
  type RefundPaymentInput,
} from '@foodcourt/payments-contract';

/**
 * An in-memory payments domain (test double for the other domain only): idempotent by key like
 * the real one, with switches to decline or to be unreachable. Records every call it receives.
 */
export class FakePayments implements PaymentsApi {
  readonly calls = {
    authorize: [] as AuthorizePaymentInput[],
    capture: [] as CapturePaymentInput[],
    refund: [] as RefundPaymentInput[],
  };
  /** Reason to decline every authorization with (undefined: approve). */
  declineWith: string | undefined;
  /** How many of the next authorize calls fail as if payments were down. */
  unavailableFor = 0;

  private readonly byKey = new Map<string, PaymentView>();
  private readonly byId = new Map<string, PaymentView>();

  async authorize(input: AuthorizePaymentInput): Promise<PaymentView> {
    this.calls.authorize.push(input);
    if (this.unavailableFor > 0) {
      this.unavailableFor -= 1;
      throw new Error('connect ECONNREFUSED payments');
    }
    const existing = this.byKey.get(input.idempotencyKey);
    if (existing) return this.answer(existing);
    const now = new Date();
    const payment: PaymentView = {
      id: randomUUID(),
      orderId: input.orderId,
      status: this.declineWith === undefined ? 'AUTHORIZED' : 'DECLINED',
      amount: input.amount,
      currency: input.currency,
      createdAt: now,
      updatedAt: now,
    };
    if (input.receiptEmail) payment.receiptEmail = input.receiptEmail;
    if (this.declineWith !== undefined) payment.declineReason = this.declineWith;
    this.byKey.set(input.idempotencyKey, payment);
    this.byId.set(payment.id, payment);
    return this.answer(payment);
  }

  async capture({ paymentId }: CapturePaymentInput): Promise<PaymentView> {
    this.calls.capture.push({ paymentId });
    const payment = this.find(paymentId);
    if (payment.status === 'AUTHORIZED') this.move(payment, 'CAPTURED');
    else if (payment.status !== 'CAPTURED') throw new PaymentStateError(`Payment ${paymentId} is ${payment.status}`, { paymentId, status: payment.status });
    return { ...payment };
  }

  async refund({ paymentId }: RefundPaymentInput): Promise<PaymentView> {
    this.calls.refund.push({ paymentId });
    const payment = this.find(paymentId);
    if (payment.status === 'CAPTURED') this.move(payment, 'REFUNDED');
    else if (payment.status !== 'REFUNDED') throw new PaymentStateError(`Payment ${paymentId} is ${payment.status}`, { paymentId, status: payment.status });
    return { ...payment };
  }

  async get({ paymentId }: GetPaymentInput): Promise<PaymentView> {
    return { ...this.find(paymentId) };
  }

  async listForOrder({ orderId }: ListPaymentsInput): Promise<PaymentList> {
    return { items: [...this.byId.values()].filter((p) => p.orderId === orderId).map((p) => ({ ...p })) };
  }

  /** The stored payment with this id (test inspection). */
  payment(paymentId: string): PaymentView | undefined {
    return this.byId.get(paymentId);
  }

  private answer(payment: PaymentView): PaymentView {
    if (payment.status === 'DECLINED') {
      const reason = payment.declineReason!;
      throw new PaymentDeclinedError(`Payment declined: ${reason}`, { paymentId: payment.id, orderId: payment.orderId, reason });
    }
    return { ...payment };
  }

  private find(paymentId: string): PaymentView {
    const payment = this.byId.get(paymentId);
    if (!payment) throw new PaymentNotFoundError(`Payment ${paymentId} does not exist`, { paymentId });
    return payment;
  }

  private move(payment: PaymentView, status: PaymentView['status']): void {
    payment.status = status;
    payment.updatedAt = new Date();
  }
}
