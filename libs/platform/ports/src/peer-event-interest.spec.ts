import type { Topology } from '@foodcourt/platform-topology';
import { peerEventFilter } from './peer-event-interest';

const topology = {
  name: 'spec-interest',
  transport: 'tcp',
  units: [
    { name: 'front', domains: ['box-office'], address: '127.0.0.1:1' },
    { name: 'back', domains: ['audit', 'billing'], address: '127.0.0.1:2' },
    { name: 'newer', domains: ['audit', 'loyalty'], address: '127.0.0.1:3' },
  ],
} as Topology;

describe('peerEventFilter', () => {
  it("lets through to a unit the types any of its domains consumes, and nothing else", () => {
    const mayConsume = peerEventFilter(topology, { 'box-office': [], audit: ['box-office.ticket-sold'], billing: ['box-office.ticket-refunded'] });
    expect(mayConsume('back', 'box-office.ticket-sold')).toBe(true);
    expect(mayConsume('back', 'box-office.ticket-refunded')).toBe(true);
    expect(mayConsume('back', 'box-office.ticket-printed')).toBe(false);
  });

  it('sends everything to a unit hosting a domain the declaration does not know, or to any unit when there is none', () => {
    const interest = { 'box-office': [], audit: ['box-office.ticket-sold'], billing: [] };
    expect(peerEventFilter(topology, interest)('newer', 'box-office.ticket-printed')).toBe(true);
    expect(peerEventFilter(topology, interest)('not-in-topology', 'box-office.ticket-printed')).toBe(true);
    expect(peerEventFilter(topology, undefined)('back', 'box-office.ticket-printed')).toBe(true);
  });
});
