// Units over TCP: Nest's framing, a lean client, events pushed unit to unit.
export * from './tcp-transport';
export * from './tcp-endpoint';
export * from './tcp-event-transport';
