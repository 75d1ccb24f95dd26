import { UserRegistered } from '@foodcourt/identity-contract';
import { OrderCancelled, OrderConfirmed } from '@foodcourt/orders-contract';
import { PaymentCaptured, PaymentFailed } from '@foodcourt/payments-contract';

/**
 * Event types the notifications core subscribes to. Publishers on TCP push an event only to units
 * hosting a domain that lists its type (ADR 5), so a subscriber missing here never gets its events
 * from another unit; the core's spec checks this list against what its subscribers register.
 */
export const NOTIFICATIONS_CONSUMES: readonly string[] = [
  OrderConfirmed.type,
  OrderCancelled.type,
  PaymentCaptured.type,
  PaymentFailed.type,
  UserRegistered.type,
];
