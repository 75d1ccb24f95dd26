import { createServer, type Server } from 'node:http';
import type { UnitMetrics } from './unit-metrics';

/**
 * A listener that answers only `GET /metrics`: what METRICS_PORT opens, so Prometheus scrapes a
 * port the public API (and its ingress) does not expose.
 */
export async function listenForScrapes(metrics: UnitMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served on this port\n');
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`cannot listen for metrics on ${host}:${port} (METRICS_PORT): ${error.code ?? error.message}`)));
    server.listen(port, host, () => resolve());
  });
  return server;
}
