import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { InjectDomainDatabase, type DomainDatabase } from '@foodcourt/platform-persistence';
import { CATALOG_API, type CatalogApi } from '@foodcourt/catalog-contract';
import { PAYMENTS_API, type PaymentsApi } from '@foodcourt/payments-contract';
import { OrderLifecycle } from './order-lifecycle';
import { OrderEntity } from './order.entity';
import { OrdersConfig } from './orders-config';

const BATCH = 50;

/**
 * Settles orders a checkout left PENDING (the process stopped, a dependency timed out, the
 * client never retried), at start and then periodically. Payments decides: a captured or
 * authorized payment confirms the order (nobody pays for an unconfirmed order); a declined one
 * or none at all releases the stock (nothing is lost to a failed order).
 */
@Injectable()
export class OrderRecovery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OrderRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @InjectDomainDatabase('orders') private readonly db: DomainDatabase,
    @Inject(PAYMENTS_API) private readonly payments: PaymentsApi,
    @Inject(CATALOG_API) private readonly catalog: CatalogApi,
    private readonly lifecycle: OrderLifecycle,
    private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Settles every stale PENDING order now; returns how many it settled. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.pendingTimeoutMs);
    const stale = await this.db.read((m) =>
      m.find(OrderEntity, { where: { status: 'PENDING', updatedAt: LessThanOrEqual(cutoff) }, order: { createdAt: 'ASC' }, take: BATCH }),
    );
    let settled = 0;
    for (const order of stale) {
      try {
        await this.settle(order);
        settled += 1;
      } catch (error) {
        this.logger.warn(`order ${order.id} stays PENDING until the next sweep: ${(error as Error).message}`);
      }
    }
    return settled;
  }

  private async settle(order: OrderEntity): Promise<void> {
    const { items } = await this.payments.listForOrder({ orderId: order.id });
    const paid = items.find((p) => p.status === 'CAPTURED') ?? items.find((p) => p.status === 'AUTHORIZED');
    if (paid) {
      const captured = paid.status === 'CAPTURED' ? paid : await this.payments.capture({ paymentId: paid.id });
      await this.lifecycle.confirm(order, captured.id);
      this.logger.log(`order ${order.id} confirmed by recovery (payment ${captured.id})`);
      return;
    }
    await this.catalog.releaseStock({ orderId: order.id });
    const declined = items.find((p) => p.status === 'DECLINED');
    if (declined) await this.lifecycle.paymentFailed(order, declined.declineReason ?? 'declined', declined.id);
    else await this.lifecycle.abandoned(order, 'checkout stopped before payment; stock released');
    this.logger.log(`order ${order.id} settled by recovery: stock released`);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.sweep().catch((error: unknown) => {
        this.logger.error(`recovery sweep failed: ${(error as Error).message}`);
        return 0;
      });
      void this.running.then(() => {
        if (this.timer) this.schedule(this.config.recoveryIntervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
