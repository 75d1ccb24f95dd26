import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { Telemetry, type SpanView } from '@foodcourt/platform-observability';
import { RpcHandlers, UnitConnections, UnitDirectory } from '@foodcourt/platform-ports';
import { UnitsQuery } from './ask-every-unit';
import { TraceRequest } from './trace-request';

/** Spans gathered from every unit, and the units that could not be asked. */
export interface GatheredSpans {
  spans: SpanView[];
  unreachable: string[];
}

/**
 * Every unit keeps its own recent spans (pattern `_traces.<unit>`); the unit serving the API
 * gathers them, so one trace reads across units with no collector running.
 */
@Injectable()
export class UnitsTraces implements OnModuleInit {
  private readonly query: UnitsQuery<TraceRequest, SpanView[]>;

  constructor(
    private readonly telemetry: Telemetry,
    @Optional() directory?: UnitDirectory,
    @Optional() connections?: UnitConnections,
    @Optional() handlers?: RpcHandlers,
  ) {
    this.query = new UnitsQuery('traces', TraceRequest, (request) => this.local(request.traceId), { directory, connections, handlers });
  }

  onModuleInit(): void {
    this.query.register();
  }

  async gather(traceId?: string): Promise<GatheredSpans> {
    const { answers, unreachable } = await this.query.askAll(traceId ? { traceId } : {});
    return { spans: [...answers.values()].flat(), unreachable };
  }

  private local(traceId?: string): SpanView[] {
    const recent = this.telemetry.tracing?.recent;
    if (!recent) return [];
    return traceId ? recent.spansOf(traceId) : recent.all().flat();
  }
}
