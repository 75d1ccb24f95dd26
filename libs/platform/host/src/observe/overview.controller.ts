import { Controller, Get, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@foodcourt/platform-auth';
import { gaugeByLabel, portCallStats, type PortCallStats } from '@foodcourt/platform-observability';
import { UnitDirectory } from '@foodcourt/platform-ports';
import { transportOf } from '@foodcourt/platform-topology';
import { UnitsMetrics } from './units-metrics';

/** The court at a glance, as the dashboard shows it. */
export interface Overview {
  topology: string;
  units: { name: string; domains: string[]; transport: string; http: boolean; up: boolean }[];
  calls: PortCallStats[];
  events: { domain: string; outboxWaiting: number; oldestWaitingSeconds: number; deadLetters: number }[];
  unreachable: string[];
}

/** Units, their health, port-call statistics and event backlogs, gathered from every unit's own metrics. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/overview')
export class OverviewController {
  constructor(
    private readonly metrics: UnitsMetrics,
    @Optional() private readonly directory?: UnitDirectory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units and their health, port calls per method (local and remote), outbox lag and dead letters' })
  async overview(): Promise<Overview> {
    const { answers, unreachable } = await this.metrics.gather();
    const topology = this.directory?.resolved.topology;
    const waiting = gaugeByLabel(answers, 'foodcourt_outbox_waiting', 'domain');
    const age = gaugeByLabel(answers, 'foodcourt_outbox_oldest_age_seconds', 'domain');
    const dead = gaugeByLabel(answers, 'foodcourt_dead_letters_waiting', 'domain');
    return {
      topology: topology?.name ?? 'unknown',
      units: (topology?.units ?? []).map((unit) => ({
        name: unit.name,
        domains: unit.domains,
        transport: transportOf(topology!, unit),
        http: unit.http !== false,
        up: !unreachable.includes(unit.name),
      })),
      calls: portCallStats(answers),
      events: Object.keys({ ...waiting, ...dead })
        .sort()
        .map((domain) => ({ domain, outboxWaiting: waiting[domain] ?? 0, oldestWaitingSeconds: age[domain] ?? 0, deadLetters: dead[domain] ?? 0 })),
      unreachable,
    };
  }
}
