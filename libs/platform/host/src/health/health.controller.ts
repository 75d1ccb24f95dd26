import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DatabaseHealth, type DatabaseStatus } from './database-health';

/**
 * Liveness (the process answers) and readiness (every domain's database answers, asked through
 * the units hosting them). `?scope=unit` limits readiness to this unit's own databases: what a
 * load balancer or Kubernetes probe of one unit should use, so one unit being down does not take
 * the others out of rotation.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly databases: DatabaseHealth,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get(['ready', ''])
  @HealthCheck()
  @ApiQuery({ name: 'scope', required: false, enum: ['topology', 'unit'] })
  async ready(@Query('scope') scope?: string): Promise<HealthCheckResult> {
    const statuses = scope === 'unit' ? await this.databases.local() : await this.databases.all();
    return this.health.check(Object.entries(statuses).map(([domain, status]) => () => this.indicator(domain, status)));
  }

  private indicator(domain: string, { status, message }: DatabaseStatus) {
    const indicator = this.indicators.check(`database:${domain}`);
    return status === 'up' ? indicator.up() : indicator.down({ message });
  }
}
