/** What a provider answers to an authorization: approved with its own reference, or declined with a reason. */
export type AuthorizationResult = { approved: true; reference: string } | { approved: false; reason: string };

/**
 * The payment service provider (PSP) behind the payments domain. `reference` in authorize is the
 * caller's idempotency reference: a provider must answer the same reference with the same result.
 * capture and refund take the provider's reference and must be safe to repeat.
 */
export interface PaymentProvider {
  authorize(amount: number, currency: string, reference: string): Promise<AuthorizationResult>;
  capture(reference: string): Promise<void>;
  refund(reference: string): Promise<void>;
}

/** DI token of the PaymentProvider the payments domain charges through. */
export const PAYMENT_PROVIDER = Symbol.for('foodcourt.payments.provider');
