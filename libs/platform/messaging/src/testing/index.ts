export * from './ticket-events.fixture';
