import { randomUUID } from 'node:crypto';
import { freePort, waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { checkoutBody, http } from './support/http';
import { mailsAbout, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';

describe('a subscriber that keeps failing ends in the dead-letter list and can be replayed', () => {
  const dataDir = suiteDir('dead-letter');
  let unit: UnitProcess | undefined;

  afterEach(async () => {
    await unit?.stop();
  });
  afterAll(() => dropPostgresDatabase('dead-letter'));

  it('parks the confirmation e-mail while the mail server is unreachable, then replays it once fixed', async () => {
    const closedPort = await freePort();
    unit = await monolith(dataDir, {
      MAIL_TRANSPORT: `smtp://127.0.0.1:${closedPort}`,
      EVENT_MAX_ATTEMPTS: '3',
      EVENT_RETRY_BASE_MS: '20',
    }).start();
    const placed = await http(unit.url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    expect(placed.body.status).toBe('CONFIRMED');

    const letters = await waitFor(
      () => http(unit!.url, 'GET', '/admin/dead-letters').then((r) => r.body),
      (l: { id: string }[]) => l.length === 1,
      { what: 'dead letter' },
    );
    expect(letters[0]).toMatchObject({ domain: 'notifications', subscriber: 'notifications.mail-order-confirmed', type: 'orders.order-confirmed', attempts: 3 });
    expect(mailsAbout(dataDir, placed.body.id)).toHaveLength(0);

    // The operator fixes the mail configuration and restarts; the dead letter is still there.
    await unit.stop();
    unit = await monolith(dataDir).start();
    expect((await http(unit.url, 'GET', '/admin/dead-letters')).body).toHaveLength(1);

    const replay = await http(unit.url, 'POST', `/admin/dead-letters/${letters[0].id}/replay`);
    expect(replay.status).toBe(202);
    await waitFor(() => mailsAbout(dataDir, placed.body.id), (m) => m.length === 1, { what: 'replayed e-mail' });
    expect((await http(unit.url, 'GET', '/admin/dead-letters')).body).toEqual([]);

    const unknown = await http(unit.url, 'POST', `/admin/dead-letters/${randomUUID()}/replay`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DEAD_LETTER_NOT_FOUND');
  });
});
