import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { Telemetry } from '@foodcourt/platform-observability';
import { DependencyGuards, type BreakerState } from './dependency-guards';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The breakers in /metrics: their state (0 closed, 1 half-open, 2 open) and the calls they refused. */
@Injectable()
export class ResilienceMetrics implements OnModuleInit {
  constructor(
    private readonly guards: DependencyGuards,
    @Optional() private readonly telemetry?: Telemetry,
  ) {}

  onModuleInit(): void {
    const metrics = this.telemetry?.metrics;
    if (!metrics) return;
    const views = async () => this.guards.views();
    metrics.gaugeOnScrape('foodcourt_breaker_state', 'Circuit breaker of a remote domain: 0 closed, 1 half-open (probing), 2 open (calls refused at once)', ['dependency', 'peer_unit'], async () =>
      (await views()).map((v) => ({ labels: { dependency: v.dependency, peer_unit: v.peerUnit }, value: STATE_VALUE[v.state] })),
    );
    metrics.gaugeOnScrape('foodcourt_dependency_calls_refused', 'Calls to a remote domain refused without touching the network since start (breaker open or bulkhead full)', ['dependency', 'peer_unit'], async () =>
      (await views()).map((v) => ({ labels: { dependency: v.dependency, peer_unit: v.peerUnit }, value: v.refused })),
    );
  }
}
