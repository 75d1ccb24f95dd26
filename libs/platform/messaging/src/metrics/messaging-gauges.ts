import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Telemetry } from '@foodcourt/platform-observability';
import { DomainDatabases } from '@foodcourt/platform-persistence';
import { DeadLetterRecord } from '../records/dead-letter.record';
import { OutboxEventRecord } from '../records/outbox-event.record';

/**
 * What an operator watches of the events this unit holds, read from its databases when
 * Prometheus scrapes: events waiting in each outbox and the age of the oldest (relay lag), and
 * dead letters waiting for a replay.
 */
@Injectable()
export class MessagingGauges implements OnModuleInit {
  constructor(
    private readonly databases: DomainDatabases,
    @Optional() private readonly telemetry?: Telemetry,
  ) {}

  onModuleInit(): void {
    const metrics = this.telemetry?.metrics;
    if (!metrics) return;
    metrics.gaugeOnScrape('foodcourt_outbox_waiting', 'Events in the outbox of a domain not yet handed to the transport', ['domain'], () =>
      this.perDomain((database) => database.read((m) => m.count(OutboxEventRecord, { where: { publishedAt: IsNull() } }))),
    );
    metrics.gaugeOnScrape('foodcourt_outbox_oldest_age_seconds', 'Age of the oldest event waiting in the outbox of a domain (0 when none waits)', ['domain'], () =>
      this.perDomain(async (database) => {
        const oldest = await database.read((m) => m.findOne(OutboxEventRecord, { where: { publishedAt: IsNull() }, order: { occurredAt: 'ASC' } }));
        return oldest ? Math.max(0, (Date.now() - oldest.occurredAt.getTime()) / 1_000) : 0;
      }),
    );
    metrics.gaugeOnScrape('foodcourt_dead_letters_waiting', 'Events a subscriber of a domain gave up on, waiting for an operator', ['domain'], () =>
      this.perDomain((database) => database.read((m) => m.count(DeadLetterRecord))),
    );
  }

  private perDomain(read: (database: ReturnType<DomainDatabases['all']>[number]) => Promise<number>) {
    return Promise.all(this.databases.all().map(async (database) => ({ labels: { domain: database.domain }, value: await read(database) })));
  }
}
