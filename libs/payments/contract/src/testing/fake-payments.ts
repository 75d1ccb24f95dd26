// Spec support (the `@foodcourt/payments-contract/testing` entry, never imported by production code):
// the one in-memory payments domain that other domains' tests bind behind PaymentsPort. It runs the
// same contract suite as the real core (payments-port.contract.ts), so it cannot drift from it unnoticed.
import { randomUUID } from 'node:crypto';
import type { CallerInput } from '@foodcourt/platform-kernel';
import type {
  AuthorizePaymentInput,
  CapturePaymentInput,
  GetPaymentInput,
  ListPaymentsInput,
  PaymentList,
  PaymentView,
  RefundPaymentInput,
} from '../payment.dto';
import { IdempotencyKeyReusedError, PaymentDeclinedError, PaymentNotFoundError, PaymentStateError } from '../payments.errors';
import type { PaymentsApi } from '../payments.port';

type Method = keyof PaymentsApi;
type Calls = { [M in Method]: Parameters<PaymentsApi[M]>[0][] };

/** What an authorization must repeat to be a retry of the payment stored under its key (as the real core compares). */
const KEY_FIELDS = ['orderId', 'customerId', 'amount', 'currency'] as const;

/**
 * An in-memory payments domain (a test double for the other domains): one payment per
 * idempotency key, AUTHORIZED -> CAPTURED -> REFUNDED, declines answered the same on every
 * retry, and customers reading only their own payments when a caller is given. Records every
 * call. Knobs: decline with a reason, be unreachable (for a while or until told), lose an answer
 * (the call takes effect, the caller sees a timeout) or hold a call until the test lets it go.
 */
export class FakePayments implements PaymentsApi {
  readonly calls: Calls = { authorize: [], capture: [], refund: [], get: [], listForOrder: [] };
  /** Reason to decline every new authorization with (undefined: approve). */
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

  /** The stored payment with this id (test inspection). */
  payment(paymentId: string): PaymentView | undefined {
    return this.byId.get(paymentId);
  }

  async authorize(input: AuthorizePaymentInput): Promise<PaymentView> {
    this.calls.authorize.push(input);
    await this.arrive('authorize');
    if (this.unavailableFor > 0) {
      this.unavailableFor -= 1;
      throw new Error('connect ECONNREFUSED payments');
    }
    const existing = this.byKey.get(input.idempotencyKey);
    if (existing) {
      const differing = KEY_FIELDS.filter((field) => existing[field] !== input[field]);
      if (differing.length > 0) {
        throw new IdempotencyKeyReusedError(`Idempotency key already used for a payment with a different ${differing.join(', ')}`, { fields: differing });
      }
      return this.answer(existing, 'authorize');
    }
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
    if (input.receiptEmail !== undefined) payment.receiptEmail = input.receiptEmail;
    if (this.declineWith !== undefined) payment.declineReason = this.declineWith;
    this.byKey.set(input.idempotencyKey, payment);
    this.byId.set(payment.id, payment);
    return this.answer(payment, 'authorize');
  }

  async capture(input: CapturePaymentInput): Promise<PaymentView> {
    this.calls.capture.push(input);
    await this.arrive('capture');
    return this.move(input.paymentId, 'AUTHORIZED', 'CAPTURED', 'captured');
  }

  async refund(input: RefundPaymentInput): Promise<PaymentView> {
    this.calls.refund.push(input);
    await this.arrive('refund');
    return this.move(input.paymentId, 'CAPTURED', 'REFUNDED', 'refunded');
  }

  async get(input: GetPaymentInput): Promise<PaymentView> {
    this.calls.get.push(input);
    await this.arrive('get');
    const payment = this.find(input.paymentId);
    // Someone else's payment is reported missing, exactly as an unknown id.
    if (input.caller && !mayRead(input.caller, payment)) throw notFound(input.paymentId);
    return { ...payment };
  }

  async listForOrder(input: ListPaymentsInput): Promise<PaymentList> {
    this.calls.listForOrder.push(input);
    await this.arrive('listForOrder');
    const { orderId, caller } = input;
    // Map order is insertion order: oldest first, as the real one answers.
    return { items: [...this.byId.values()].filter((p) => p.orderId === orderId && (!caller || mayRead(caller, p))).map((p) => ({ ...p })) };
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

  /** What an authorization answers for a stored payment: a declined one fails the same way every time. */
  private answer(payment: PaymentView, method: Method): PaymentView {
    this.maybeLose(method);
    if (payment.status === 'DECLINED') {
      const reason = payment.declineReason!;
      throw new PaymentDeclinedError(`Payment declined: ${reason}`, { paymentId: payment.id, orderId: payment.orderId, reason });
    }
    return { ...payment };
  }

  /** `from` -> `to`; a payment already in `to` answers unchanged (a retry), any other status is a PaymentStateError. */
  private move(paymentId: string, from: PaymentView['status'], to: PaymentView['status'], action: 'captured' | 'refunded'): PaymentView {
    const payment = this.find(paymentId);
    if (payment.status === from) {
      payment.status = to;
      payment.updatedAt = new Date();
    } else if (payment.status !== to) {
      throw new PaymentStateError(`Payment ${paymentId} is ${payment.status}: only a ${from} payment can be ${action}`, { paymentId, status: payment.status });
    }
    this.maybeLose(action === 'captured' ? 'capture' : 'refund');
    return { ...payment };
  }

  private find(paymentId: string): PaymentView {
    const payment = this.byId.get(paymentId);
    if (!payment) throw notFound(paymentId);
    return payment;
  }
}

/** Customers read their own payments; admins read all. */
function mayRead(caller: CallerInput, payment: PaymentView): boolean {
  return caller.roles.includes('admin') || caller.id === payment.customerId;
}

function notFound(paymentId: string): PaymentNotFoundError {
  return new PaymentNotFoundError(`Payment ${paymentId} does not exist`, { paymentId });
}
