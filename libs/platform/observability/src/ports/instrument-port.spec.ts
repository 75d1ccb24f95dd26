import { IsInt, Min } from 'class-validator';
import { createLocalBinding, definePort, DependencyUnavailableError, DomainError, DomainErrorCode, portMethod } from '@foodcourt/platform-kernel';
import { errorReply, valueReply } from '@foodcourt/platform-wire';
import { observabilityConfigFromEnv } from '../config/observability-config';
import { Telemetry } from '../telemetry';
import { instrumentPort, uninstrumented } from './instrument-port';
import { instrumentServedCall } from './instrument-served-call';

class Seats {
  @IsInt() @Min(1) seats: number;
}

@DomainErrorCode('SOLD_OUT', 'conflict')
class SoldOutError extends DomainError {}

const booking = definePort('booking', { reserve: portMethod({ input: Seats, output: Seats, idempotent: false }) });

class BoxOffice {
  left = 3;
  async reserve({ seats }: Seats): Promise<Seats> {
    if (seats > this.left) throw new SoldOutError(`only ${this.left} left`);
    this.left -= seats;
    return { seats };
  }
}

const telemetryOf = (unit: string, env: NodeJS.ProcessEnv = {}) => new Telemetry(observabilityConfigFromEnv(unit, env, false), unit, 'test');
const counter = async (telemetry: Telemetry, name: string) => (await telemetry.metrics!.registry.getSingleMetric(name)!.get()).values;

describe('instrumented port bindings', () => {
  it('makes a local call an INTERNAL span `<domain>.<method>` marked local, and counts it by outcome', async () => {
    const telemetry = telemetryOf('shop');
    const binding = instrumentPort(booking, createLocalBinding(booking, new BoxOffice()), { binding: 'local' }, telemetry);
    await telemetry.inSpan('POST /reservations', { kind: 'internal' }, async () => {
      await binding.reserve({ seats: 2 });
      await expect(binding.reserve({ seats: 5 })).rejects.toBeInstanceOf(SoldOutError);
    });
    const spans = telemetry.tracing!.recent.all()[0]!;
    const root = spans.find((s) => s.name === 'POST /reservations')!;
    const calls = spans.filter((s) => s.name === 'booking.reserve');
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call).toMatchObject({ kind: 'internal', parentSpanId: root.spanId, traceId: root.traceId, unit: 'shop', attributes: { 'foodcourt.binding': 'local', 'rpc.system': 'in-process' } });
    expect(calls[1]).toMatchObject({ status: 'unset', attributes: { 'foodcourt.outcome': 'domain_error', 'foodcourt.error_code': 'SOLD_OUT' } });

    const values = await counter(telemetry, 'foodcourt_port_calls_total');
    const count = (outcome: string) => values.find((v) => v.labels['outcome'] === outcome)?.value ?? 0;
    expect([count('ok'), count('domain_error'), count('unavailable'), count('error')]).toEqual([1, 1, 0, 0]);
    await telemetry.shutdown();
  });

  it('counts an unreachable peer as unavailable, an error span, and marks the connection down', async () => {
    const telemetry = telemetryOf('front');
    const down = { reserve: () => Promise.reject(new DependencyUnavailableError('booking is unavailable (connection refused)', { dependency: 'booking' })) };
    const binding = instrumentPort(booking, down, { binding: 'remote', transport: 'tcp', peerUnit: 'booking' }, telemetry);
    await expect(binding.reserve({ seats: 1 })).rejects.toBeInstanceOf(DependencyUnavailableError);
    const [span] = telemetry.tracing!.recent.all()[0]!;
    expect(span).toMatchObject({ name: 'booking.reserve', kind: 'client', status: 'error', attributes: { 'foodcourt.outcome': 'unavailable', 'foodcourt.peer_unit': 'booking', 'rpc.system': 'tcp' } });
    const up = await counter(telemetry, 'foodcourt_remote_connection_up');
    expect(up).toEqual([expect.objectContaining({ labels: { peer_unit: 'booking', transport: 'tcp' }, value: 0 })]);
    await telemetry.shutdown();
  });

  it('continues the caller’s trace on the serving side as a SERVER span, from the envelope’s headers', async () => {
    const caller = telemetryOf('front');
    const callee = telemetryOf('booking');
    const office = createLocalBinding(booking, new BoxOffice());
    const served = instrumentServedCall('booking', 'reserve', 'nats', async (data) => {
      try {
        return valueReply(await office.reserve(data as Seats));
      } catch (error) {
        return errorReply(error);
      }
    }, callee);
    const remote = { reserve: async (input: Seats) => ((await served(input, caller.outgoingHeaders())) as { value: Seats }).value };
    const binding = instrumentPort(booking, remote, { binding: 'remote', transport: 'nats', peerUnit: 'booking' }, caller);
    await binding.reserve({ seats: 1 });
    await served({ seats: 9 }, caller.outgoingHeaders()); // outside any span: no headers, a trace of its own

    const [client] = caller.tracing!.recent.all()[0]!;
    const serverSpans = callee.tracing!.recent.all().flat();
    expect(serverSpans.find((s) => s.traceId === client!.traceId)).toMatchObject({ name: 'booking.reserve', kind: 'server', parentSpanId: client!.spanId, unit: 'booking' });
    expect(serverSpans.find((s) => s.traceId !== client!.traceId)).toMatchObject({ kind: 'server', attributes: { 'foodcourt.error_code': 'SOLD_OUT' } });
    expect(serverSpans.find((s) => s.traceId !== client!.traceId)!.parentSpanId).toBeUndefined();
    await caller.shutdown();
    await callee.shutdown();
  });

  it.each([
    ['not an object', 'traceparent'],
    ['a malformed traceparent', { traceparent: '00-zzzz-01' }],
    ['an all-zero trace id', { traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' }],
    ['a traceparent that is not a string', { traceparent: 42 }],
  ])('starts a new trace, without failing, for %s in the envelope', async (_what, headers) => {
    const callee = telemetryOf('booking');
    const served = instrumentServedCall('booking', 'reserve', 'tcp', async (data) => valueReply(data), callee);
    await expect(served({ seats: 1 }, headers)).resolves.toEqual(valueReply({ seats: 1 }));
    const [span] = callee.tracing!.recent.all()[0]!;
    expect(span!.parentSpanId).toBeUndefined();
    expect(span!.traceId).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
    await callee.shutdown();
  });

  it('returns the binding itself when tracing and metrics are both off, and wraps nothing a server would re-trace', async () => {
    const off = telemetryOf('shop', { OTEL_SDK_DISABLED: 'true', METRICS: 'off' });
    const local = createLocalBinding(booking, new BoxOffice());
    expect(instrumentPort(booking, local, { binding: 'local' }, off)).toBe(local);
    expect(instrumentPort(booking, local, { binding: 'local' }, undefined)).toBe(local);
    const on = telemetryOf('shop');
    expect(uninstrumented(instrumentPort(booking, local, { binding: 'local' }, on))).toBe(local);
    await on.shutdown();
  });

  it('keeps no span of a call inside a trace that was not sampled, yet still counts it', async () => {
    const telemetry = telemetryOf('shop', { OTEL_TRACES_SAMPLER: 'always_off' });
    const binding = instrumentPort(booking, createLocalBinding(booking, new BoxOffice()), { binding: 'local' }, telemetry);
    await telemetry.inSpan('root', { kind: 'internal' }, () => binding.reserve({ seats: 1 }));
    expect(telemetry.tracing!.recent.all()).toEqual([]);
    expect((await counter(telemetry, 'foodcourt_port_calls_total'))[0]!.value).toBe(1);
    await telemetry.shutdown();
  });
});
