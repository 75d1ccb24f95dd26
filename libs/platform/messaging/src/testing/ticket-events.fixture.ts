// Spec support, not a spec (Jest runs only *.spec.ts): the ticket-sold event of box-office, the row
// its audit subscriber writes, and a fast relay config, shared by messaging's specs and the
// two-unit specs of platform-host. Exported as @foodcourt/platform-messaging/testing only.
import { IsInt, IsString } from 'class-validator';
import { Column, Entity, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { defineEvent } from '@foodcourt/platform-kernel';
import type { Subscription } from '../delivery/subscription';
import type { MessagingConfig } from '../messaging-config';

export class TicketSold {
  @IsString() ticket: string;
  @IsInt() seats: number;
}
export const TicketSoldEvent = defineEvent('box-office.ticket-sold', TicketSold);

/** A row the subscriber writes: their count is the number of times the effect happened. */
@Entity('effect')
export class EffectRow {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100 }) ticket: string;
}

export class CreateEffect1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({ name: 'effect', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }, { name: 'ticket', type: 'varchar', length: '100' }] }),
    );
  }
  async down(): Promise<void> {}
}

/** A fast relay: polls every 20 ms, three attempts with short back-offs. */
export const messagingConfig = (relayEnabled = true): MessagingConfig => ({ relayEnabled, pollIntervalMs: 20, maxAttempts: 3, retryBaseMs: 5, retryMaxMs: 20 });

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** audit's subscription to ticket-sold: runs `onCall` (which may throw to fail the delivery), then writes one EffectRow. */
export const recordTicketSubscription = (onCall: () => void): Subscription<TicketSold> => ({
  name: 'audit.record-ticket',
  domain: 'audit',
  event: TicketSoldEvent,
  handle: async (event, manager: EntityManager) => {
    onCall();
    await manager.insert(EffectRow, { id: event.id, ticket: event.payload.ticket });
  },
});
