export * from './booking-port.fixture';
