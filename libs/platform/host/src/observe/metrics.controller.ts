import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { Telemetry } from '@foodcourt/platform-observability';

/**
 * `GET /metrics` on the unit's own port, in Prometheus text format, when METRICS_PORT does not
 * move it to a listener of its own. Public, as a scrape carries no token: an ingress in front of
 * the unit serving the API routes the API's paths only (docs/adr/0008-observability.md).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly telemetry: Telemetry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (!this.telemetry.metrics) throw new NotFoundException();
    return this.telemetry.metrics.text();
  }
}
