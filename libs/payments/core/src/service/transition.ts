import type { EntityManager } from 'typeorm';
import type { PaymentStatus } from '@foodcourt/payments-contract';
import { PaymentEntity } from '../persistence/payment.entity';

/** A status change as it happened: the row after it, and whether this call made it (false: someone else did). */
export interface TransitionOutcome {
  payment: PaymentEntity;
  changed: boolean;
}

/**
 * Moves a payment from `from` to `to` with a compare-and-set update, so two racing callers
 * cannot both make the change. Returns null when the row is in neither status any more.
 */
export async function transition(
  manager: EntityManager,
  payment: PaymentEntity,
  from: PaymentStatus,
  to: PaymentStatus,
): Promise<TransitionOutcome | null> {
  const updatedAt = new Date();
  const result = await manager.update(PaymentEntity, { id: payment.id, status: from }, { status: to, updatedAt });
  if (result.affected === 1) return { payment: { ...payment, status: to, updatedAt }, changed: true };
  const current = await manager.findOneByOrFail(PaymentEntity, { id: payment.id });
  return current.status === to ? { payment: current, changed: false } : null;
}
