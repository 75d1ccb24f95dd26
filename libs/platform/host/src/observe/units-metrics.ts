import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Telemetry, type MetricJson } from '@foodcourt/platform-observability';
import { RpcHandlers, UnitConnections, UnitDirectory } from '@foodcourt/platform-ports';
import { UnitsQuery, type Answers } from './ask-every-unit';

/** A metrics query between units; `scope` is there for a later narrower query (and so the DTO validates). */
export class MetricsRequest {
  @IsOptional() @IsIn(['foodcourt']) scope?: 'foodcourt';
}

/** Every unit's own metrics (pattern `_metrics.<unit>`), gathered by the unit serving the dashboard. */
@Injectable()
export class UnitsMetrics implements OnModuleInit {
  private readonly query: UnitsQuery<MetricsRequest, MetricJson[]>;

  constructor(
    telemetry: Telemetry,
    @Optional() directory?: UnitDirectory,
    @Optional() connections?: UnitConnections,
    @Optional() handlers?: RpcHandlers,
  ) {
    const local = async () => (telemetry.metrics ? telemetry.metrics.foodcourtJson() : []);
    this.query = new UnitsQuery('metrics', MetricsRequest, local, { directory, connections, handlers });
  }

  onModuleInit(): void {
    this.query.register();
  }

  gather(): Promise<Answers<MetricJson[]>> {
    return this.query.askAll({});
  }
}
