import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { acceptBrokerMessage, toBrokerMessage } from './broker-event';
import { EventTransport, type OutgoingEvent } from './event-transport';
import { traceContextHeaders, traceContextText } from './event-trace-context';

class Recorder extends EventTransport {
  readonly delivered: OutgoingEvent[] = [];
  async deliver(event: OutgoingEvent): Promise<void> {
    this.delivered.push(event);
  }
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const event = (traceContext?: string | null): OutgoingEvent => ({ id: randomUUID(), type: 'orders.order-confirmed', payload: '{}', occurredAt: new Date('2026-12-07T10:00:00.000Z'), traceContext });
const quiet = new Logger('test');
quiet.warn = () => undefined;

describe('an event on a broker', () => {
  it('carries its trace context from the outbox to the receiving unit', async () => {
    const local = new Recorder();
    const sent = event(traceContextText({ traceparent: TRACEPARENT }));
    expect(await acceptBrokerMessage(toBrokerMessage(sent, 'orders'), 'notifications', local, quiet)).toBe('ack');
    expect(local.delivered).toEqual([expect.objectContaining({ id: sent.id, traceContext: sent.traceContext })]);
    expect(traceContextHeaders(local.delivered[0]!.traceContext)).toEqual({ traceparent: TRACEPARENT });
  });

  it.each([
    ['a number', 42],
    ['text that is not JSON', 'traceparent=00-abc'],
    ['far too long', JSON.stringify({ traceparent: 'x'.repeat(5_000) })],
  ])('is still accepted, without a trace context, when the one it carries is %s', async (_what, traceContext) => {
    const local = new Recorder();
    const message = JSON.parse(toBrokerMessage(event(), 'orders').toString('utf8')) as Record<string, unknown>;
    message['traceContext'] = traceContext;
    expect(await acceptBrokerMessage(Buffer.from(JSON.stringify(message)), 'notifications', local, quiet)).toBe('ack');
    expect(local.delivered).toHaveLength(1);
    expect(local.delivered[0]!.traceContext).toBeUndefined();
  });

  it('keeps only string headers from a stored trace context', () => {
    expect(traceContextHeaders(JSON.stringify({ traceparent: TRACEPARENT, tracestate: 7 }))).toEqual({ traceparent: TRACEPARENT });
    expect(traceContextHeaders(JSON.stringify([TRACEPARENT]))).toBeUndefined();
    expect(traceContextHeaders(null)).toBeUndefined();
    expect(traceContextText(undefined)).toBeNull();
  });
});
