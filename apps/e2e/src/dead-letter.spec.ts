import { randomUUID } from 'node:crypto';
import { freePort, waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { confirmationsOf, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct } from './support/shop';

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
    const admin = await adminSession(unit.url);
    const bread = await newProduct(admin, { name: 'Bread' });
    const ada = await newCustomer(unit.url, 'Ada');
    const placed = await checkout(ada, [{ sku: bread.sku, quantity: 1 }]);
    expect(placed.body.status).toBe('CONFIRMED');

    const letters = await waitFor(
      () => admin.call('GET', '/admin/dead-letters').then((r) => r.body as { id: string; subscriber: string }[]),
      (l) => l.some((letter) => letter.subscriber === 'notifications.mail-order-confirmed'),
      { what: 'dead letter' },
    );
    const letter = letters.find((l) => l.subscriber === 'notifications.mail-order-confirmed')!;
    expect(letter).toMatchObject({ domain: 'notifications', type: 'orders.order-confirmed', attempts: 3 });
    expect((await ada.call('GET', '/admin/dead-letters')).status).toBe(403);
    expect((await http(unit.url, 'GET', '/admin/dead-letters')).status).toBe(401);
    expect(confirmationsOf(dataDir, placed.body.id)).toHaveLength(0);

    // The operator fixes the mail configuration and restarts; the dead letter is still there.
    await unit.stop();
    unit = await monolith(dataDir).start();
    const adminAgain = await adminSession(unit.url);
    const parked = (await adminAgain.call('GET', '/admin/dead-letters')).body as { id: string }[];
    expect(parked.map((l) => l.id)).toContain(letter.id);

    const replay = await adminAgain.call('POST', `/admin/dead-letters/${letter.id}/replay`);
    expect(replay.status).toBe(202);
    await waitFor(() => confirmationsOf(dataDir, placed.body.id), (m) => m.length === 1, { what: 'replayed e-mail' });
    expect(((await adminAgain.call('GET', '/admin/dead-letters')).body as { id: string }[]).map((l) => l.id)).not.toContain(letter.id);

    const unknown = await adminAgain.call('POST', `/admin/dead-letters/${randomUUID()}/replay`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DEAD_LETTER_NOT_FOUND');
  });
});
