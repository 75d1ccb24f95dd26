import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DomainDatabases } from '@foodcourt/platform-persistence';

/** Liveness (the process answers) and readiness (every hosted domain's database answers). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly databases: DomainDatabases,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get(['ready', ''])
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.databases.all().map((db) => () => this.ping(db.domain)));
  }

  private async ping(domain: string) {
    const indicator = this.indicators.check(`database:${domain}`);
    try {
      await this.databases.get(domain).read((m) => m.query('SELECT 1'));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
