/** Prometheus metrics: one registry per app instance, so tests can build several apps in one process. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobsProcessed: Counter<'name' | 'outcome'>;
  jobQueueDepth: Gauge<'name' | 'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'frontdoor_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'frontdoor_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsProcessed: new Counter({
      name: 'frontdoor_jobs_processed_total',
      help: 'Jobs run, by name and outcome (succeeded, retried, failed)',
      labelNames: ['name', 'outcome'],
      registers: [registry],
    }),
    jobQueueDepth: new Gauge({
      name: 'frontdoor_job_queue_depth',
      help: 'Jobs by name and status (queued, running, failed) at scrape time',
      labelNames: ['name', 'status'],
      registers: [registry],
    }),
  };
}
