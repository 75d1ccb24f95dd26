import { randomUUID } from 'node:crypto';
import type { CallerInput } from '@foodcourt/platform-kernel';
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

type Method = 'authorize' | 'capture' | 'refund' | 'get' | 'listForOrder';

/**
 * An in-memory payments domain (test double for the other domain only): idempotent by key like
 * the real one, customers read only their own payments when a caller is given, with switches to
 * decline, to be unreachable, to lose an answer (the call takes effect, the caller sees a
 * timeout) or to hold a call until the test lets it go. Records every call it receives.
 */
export class FakePayments implements PaymentsApi {
  readonly calls = {
    authorize: [] as AuthorizePaymentInput[],
    capture: [] as CapturePaymentInput[],
    refund: [] as RefundPaymentInput[],
    listForOrder: [] as ListPaymentsInput[],
  };
  /** Reason to decline every authorization with (undefined: approve). */
  declineWith: string | undefined;
  /** How many of the next authorize calls fail as if payments were down. */
  unavailableFor = 0;
  /** Every call fails as if payments were down, until set back to false. */
  down = false;
  /** The next call of this method takes effect, then fails as a timeout would: its answer is lost. */
  loseNextAnswerOf: Method | undefined;

  private readonly byKey = new Map<string, PaymentView>();
  private readonly byId = new Map<string, PaymentView>();
  private readonly holds = new Map<Method, { reached: () => void; released: Promise<void> }>();

  /**
   * Holds the next call of `method` before it takes effect: `reached` resolves when that call
   * arrives, and the call goes on once `release()` is called.
   */
  hold(method: Method): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, { reached, released });
    return { reached: reachedPromise, release };
  }

  async authorize(input: AuthorizePaymentInput): Promise<PaymentView> {
    this.calls.authorize.push(input);
    await this.arrive('authorize');
    if (this.unavailableFor > 0) {
      this.unavailableFor -= 1;
      throw new Error('connect ECONNREFUSED payments');
    }
    const existing = this.byKey.get(input.idempotencyKey);
    if (existing) return this.answer(existing, 'authorize');
    const now = new Date();
    const payment: PaymentView = {
      id: randomUUID(),
      orderId: input.orderId,
      customerId: input.customerId,
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
    return this.answer(payment, 'authorize');
  }

  async capture({ paymentId }: CapturePaymentInput): Promise<PaymentView> {
    this.calls.capture.push({ paymentId });
    await this.arrive('capture');
    const payment = this.find(paymentId);
    if (payment.status === 'AUTHORIZED') this.move(payment, 'CAPTURED');
    else if (payment.status !== 'CAPTURED') throw new PaymentStateError(`Payment ${paymentId} is ${payment.status}`, { paymentId, status: payment.status });
    this.maybeLose('capture');
    return { ...payment };
  }

  async refund({ paymentId }: RefundPaymentInput): Promise<PaymentView> {
    this.calls.refund.push({ paymentId });
    await this.arrive('refund');
    const payment = this.find(paymentId);
    if (payment.status === 'CAPTURED') this.move(payment, 'REFUNDED');
    else if (payment.status !== 'REFUNDED') throw new PaymentStateError(`Payment ${paymentId} is ${payment.status}`, { paymentId, status: payment.status });
    this.maybeLose('refund');
    return { ...payment };
  }

  async get({ paymentId, caller }: GetPaymentInput): Promise<PaymentView> {
    await this.arrive('get');
    const payment = this.find(paymentId);
    if (caller && !mayRead(caller, payment)) throw notFound(paymentId);
    return { ...payment };
  }

  async listForOrder(input: ListPaymentsInput): Promise<PaymentList> {
    this.calls.listForOrder.push(input);
    await this.arrive('listForOrder');
    const { orderId, caller } = input;
    return { items: [...this.byId.values()].filter((p) => p.orderId === orderId && (!caller || mayRead(caller, p))).map((p) => ({ ...p })) };
  }

  /** The stored payment with this id (test inspection). */
  payment(paymentId: string): PaymentView | undefined {
    return this.byId.get(paymentId);
  }

  /** Waits for a held call to be released, then fails if payments is down. */
  private async arrive(method: Method): Promise<void> {
    const held = this.holds.get(method);
    if (held) {
      this.holds.delete(method);
      held.reached();
      await held.released;
    }
    if (this.down) throw new Error('connect ECONNREFUSED payments');
  }

  private maybeLose(method: Method): void {
    if (this.loseNextAnswerOf !== method) return;
    this.loseNextAnswerOf = undefined;
    throw new Error(`payments.${method} timed out`);
  }

  private answer(payment: PaymentView, method: Method): PaymentView {
    this.maybeLose(method);
    if (payment.status === 'DECLINED') {
      const reason = payment.declineReason!;
      throw new PaymentDeclinedError(`Payment declined: ${reason}`, { paymentId: payment.id, orderId: payment.orderId, reason });
    }
    return { ...payment };
  }

  private find(paymentId: string): PaymentView {
    const payment = this.byId.get(paymentId);
    if (!payment) throw notFound(paymentId);
    return payment;
  }

  private move(payment: PaymentView, status: PaymentView['status']): void {
    payment.status = status;
    payment.updatedAt = new Date();
  }
}

function mayRead(caller: CallerInput, payment: PaymentView): boolean {
  return caller.roles.includes('admin') || caller.id === payment.customerId;
}

function notFound(paymentId: string): PaymentNotFoundError {
  return new PaymentNotFoundError(`Payment ${paymentId} does not exist`, { paymentId });
}
