import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process, served at /metrics. One registry per app, so tests don't share. */
export interface Metrics {
  readonly registry: Registry;
  readonly ingestRecords: Counter<'outcome'>;
  readonly ingestDuration: Histogram<'route'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ponte_' });
  return {
    registry,
    ingestRecords: new Counter({
      name: 'ponte_ingest_records_total',
      help: 'Records received from sources, by outcome (created, updated, unchanged, stale, rejected).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    ingestDuration: new Histogram({
      name: 'ponte_ingest_request_duration_seconds',
      help: 'Time to answer an ingest request, by route.',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
