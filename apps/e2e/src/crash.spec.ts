import { randomUUID } from 'node:crypto';
import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { checkoutBody, http } from './support/http';
import { mailsAbout, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';

describe('a crash between commit and delivery loses nothing', () => {
  const dataDir = suiteDir('crash');
  let unit: UnitProcess | undefined;

  afterEach(async () => {
    await unit?.stop();
  });
  afterAll(() => dropPostgresDatabase('crash'));

  it('sends the confirmation exactly once after the monolith is killed with SIGKILL and restarted', async () => {
    // The relay is held back so the order commits while its event is still in the outbox.
    unit = await monolith(dataDir, { OUTBOX_RELAY: 'off' }).start();
    const placed = await http(unit.url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    expect(placed.body.status).toBe('CONFIRMED');
    expect(mailsAbout(dataDir, placed.body.id)).toHaveLength(0);

    await unit.kill();
    unit = await monolith(dataDir).start();

    await waitFor(() => mailsAbout(dataDir, placed.body.id), (m) => m.length === 1, { what: 'e-mail after restart' });
    const order = await http(unit.url, 'GET', `/orders/${placed.body.id}`);
    expect(order.body.status).toBe('CONFIRMED');

    // Events are handled in order: once a later order's mail is out, nothing else is coming for the first.
    const later = await http(unit.url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    await waitFor(() => mailsAbout(dataDir, later.body.id), (m) => m.length === 1, { what: 'later e-mail' });
    expect(mailsAbout(dataDir, placed.body.id)).toHaveLength(1);
  });
});
