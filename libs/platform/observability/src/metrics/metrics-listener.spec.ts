import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { listenForScrapes } from './metrics-listener';
import { UnitMetrics } from './unit-metrics';

describe('the METRICS_PORT listener', () => {
  it('answers GET /metrics in Prometheus text format, with the unit and topology on every sample, and nothing else', async () => {
    const metrics = new UnitMetrics({ unit: 'payments', topology: 'split-tcp' });
    metrics.portCallsServed.labels('payments', 'authorize', 'ok').inc(3);
    const server = await listenForScrapes(metrics, 0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const scrape = await fetch(`${base}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      const text = await scrape.text();
      expect(text).toContain('foodcourt_port_calls_served_total{domain="payments",method="authorize",outcome="ok",unit="payments",topology="split-tcp"} 3');
      expect(text).toMatch(/^process_resident_memory_bytes\{unit="payments",topology="split-tcp"\} \d+/m);
      expect((await fetch(`${base}/orders`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('fails naming METRICS_PORT when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      await expect(listenForScrapes(new UnitMetrics({ unit: 'x', topology: 'y' }), port, '127.0.0.1')).rejects.toThrow(`cannot listen for metrics on 127.0.0.1:${port} (METRICS_PORT): EADDRINUSE`);
    } finally {
      taken.close();
    }
  });
});
