/** The waiting room's Prometheus metrics, on the app's registry; the gauges read this process's one-second view. */
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../platform/metrics/index.js';
import type { RoomView } from './room.js';

export interface WaitingRoomMetrics {
  issued: Counter;
  admitted: Counter;
  expired: Counter;
}

function gauge(metrics: Metrics, name: string, help: string, read: () => Promise<number | null>): void {
  new Gauge({
    name: `frontdoor_waiting_room_${name}`,
    help,
    registers: [metrics.registry],
    async collect() {
      // NaN (which Prometheus understands) when there is nothing to measure yet.
      this.set((await read()) ?? Number.NaN);
    },
  });
}

export function createWaitingRoomMetrics(metrics: Metrics, view: () => Promise<RoomView>): WaitingRoomMetrics {
  const counter = (name: string, help: string) =>
    new Counter({ name: `frontdoor_waiting_room_${name}_total`, help, registers: [metrics.registry] });
  gauge(metrics, 'active', '1 while arrivals wait in line, 0 while they go straight in', async () =>
    (await view()).active ? 1 : 0,
  );
  gauge(metrics, 'queue_length', 'People waiting in line', async () => (await view()).queueLength);
  gauge(
    metrics,
    'serving_position',
    'Everyone at or below this position was admitted or skipped',
    async () => (await view()).serving,
  );
  gauge(metrics, 'last_position', 'The last position given out', async () => (await view()).lastPosition);
  gauge(metrics, 'in_flow', 'Valid passes into the protected flows (all processes)', async () => (await view()).inFlow);
  gauge(metrics, 'capacity', 'Visitors allowed in the protected flows at once', async () => (await view()).capacity);
  gauge(
    metrics,
    'admission_rate_per_minute',
    'Admissions per minute as measured (NaN when not measurable)',
    async () => (await view()).admissionRate,
  );
  gauge(
    metrics,
    'eta_last_seconds',
    'Estimated wait of the last person in line (NaN without a measured rate)',
    async () => {
      const v = await view();
      if (v.queueLength === 0 || v.admissionRate === null) return null;
      return Math.round(((v.lastPosition - v.serving) / v.admissionRate) * 60);
    },
  );
  return {
    issued: counter('positions_issued', 'Positions given out by this process'),
    admitted: counter('admitted', 'People admitted when this process moved the line'),
    expired: counter(
      'expired',
      'Positions skipped because their page stopped asking (when this process moved the line)',
    ),
  };
}
