import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import {
  AuthorizePaymentInput,
  CapturePaymentInput,
  GetPaymentInput,
  ListPaymentsInput,
  PaymentList,
  PaymentView,
  RefundPaymentInput,
} from './payment.dto';

/** The payments domain's synchronous API: the one declaration local and remote bindings derive from. */
export const PaymentsPort = definePort('payments', {
  authorize: portMethod({ input: AuthorizePaymentInput, output: PaymentView, idempotent: true, timeoutMs: 5_000 }),
  capture: portMethod({ input: CapturePaymentInput, output: PaymentView, idempotent: true, timeoutMs: 5_000 }),
  refund: portMethod({ input: RefundPaymentInput, output: PaymentView, idempotent: true, timeoutMs: 5_000 }),
  get: portMethod({ input: GetPaymentInput, output: PaymentView, idempotent: true, timeoutMs: 2_000 }),
  listForOrder: portMethod({ input: ListPaymentsInput, output: PaymentList, idempotent: true, timeoutMs: 2_000 }),
});

export type PaymentsApi = PortApi<typeof PaymentsPort>;
/** DI token of the payments port. */
export const PAYMENTS_API = PaymentsPort.token;
