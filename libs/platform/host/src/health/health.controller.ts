import { Controller, Get, Optional, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import { DependencyGuards, type BreakerView } from '@foodcourt/platform-ports';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DrainState } from '../drain/drain-state';
import { DatabaseHealth, type DatabaseStatus } from './database-health';

/**
 * Liveness (the process answers) and readiness: by default this unit's own databases answer (what
 * a load balancer or Kubernetes probe of one unit needs: one unit being down does not take the
 * others out of rotation); `?scope=topology` asks every domain's database, through the units
 * hosting them, and names the ones down. The breakers of this unit's remote dependencies are
 * listed, always up; a draining unit is not ready.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly databases: DatabaseHealth,
    @Optional() private readonly guards?: DependencyGuards,
    @Optional() private readonly drain?: DrainState,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get(['ready', ''])
  @HealthCheck()
  @ApiQuery({ name: 'scope', required: false, enum: ['unit', 'topology'], description: 'unit (default): this unit\'s own databases; topology: every domain\'s' })
  async ready(@Query('scope') scope?: string): Promise<HealthCheckResult> {
    if (scope !== undefined && scope !== 'unit' && scope !== 'topology') {
      throw ValidationFailedError.fromViolations([{ field: 'scope', messages: ['scope must be one of: unit, topology'] }]);
    }
    // A unit told to stop is out of rotation at once, whatever its databases say.
    if (this.drain?.draining) return this.health.check([() => this.indicators.check('unit').down({ state: 'draining', message: 'draining: the unit is stopping' })]);
    const statuses = scope === 'topology' ? await this.databases.all() : await this.databases.local();
    // A dependency's open breaker is reported, never a reason to take this unit out of rotation.
    const breakers = (this.guards?.views() ?? []).map((view) => () => this.breakerIndicator(view));
    return this.health.check([...Object.entries(statuses).map(([domain, status]) => () => this.indicator(domain, status)), ...breakers]);
  }

  private breakerIndicator({ dependency, peerUnit, state, refused }: BreakerView) {
    return this.indicators.check(`breaker:${dependency}`).up({ state, peerUnit, refused });
  }

  private indicator(domain: string, { status, message }: DatabaseStatus) {
    const indicator = this.indicators.check(`database:${domain}`);
    return status === 'up' ? indicator.up() : indicator.down({ message });
  }
}
