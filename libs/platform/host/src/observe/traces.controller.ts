import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@foodcourt/platform-auth';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import { summarizeTraces, type SpanView, type TraceSummary } from '@foodcourt/platform-observability';
import { UnitsTraces } from './units-traces';

/** Recent traces across every unit of the topology, from the units' own memory (no collector needed). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/traces')
export class TracesController {
  constructor(private readonly traces: UnitsTraces) {}

  @Get()
  @ApiOperation({ summary: 'Recent traces, newest first, each with the units it crossed' })
  async list(): Promise<{ traces: TraceSummary[]; unreachable: string[] }> {
    const { spans, unreachable } = await this.traces.gather();
    return { traces: summarizeTraces(spans), unreachable };
  }

  @Get(':traceId')
  @ApiOperation({ summary: 'Every span of one trace, from every unit, in start order' })
  async one(@Param('traceId') traceId: string): Promise<{ traceId: string; spans: SpanView[]; unreachable: string[] }> {
    if (!/^[0-9a-f]{32}$/.test(traceId)) throw ValidationFailedError.fromViolations([{ field: 'traceId', messages: ['traceId must be 32 lowercase hex digits'] }]);
    const { spans, unreachable } = await this.traces.gather(traceId);
    return { traceId, spans: spans.sort((a, b) => a.startMs - b.startMs), unreachable };
  }
}
