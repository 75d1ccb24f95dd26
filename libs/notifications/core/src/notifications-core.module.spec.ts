import 'reflect-metadata';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserRegistered } from '@foodcourt/identity-contract';
import { NOTIFICATIONS_API, type NotificationsApi } from '@foodcourt/notifications-contract';
import { OrderCancelled, OrderConfirmed } from '@foodcourt/orders-contract';
import { PaymentCaptured, PaymentFailed } from '@foodcourt/payments-contract';
import { DeadLetterService, InboxMessageRecord, InboxProcessor, OutboxEventRecord } from '@foodcourt/platform-messaging';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import { waitFor } from '@foodcourt/platform-testing';
import { deliveryIdFor } from './deliveries/delivery-id';
import type { DeliveryEntity } from './deliveries/delivery.entity';
import { Mailer } from './mail/mailer';
import { FakeSmtpServer } from './test-support/fake-smtp-server';
import { NotificationsTestApp } from './test-support/notifications-test-app';
import { orderCancelled, orderConfirmed, paymentCaptured, paymentFailed, userRegistered } from './test-support/payloads';

describe('NotificationsCoreModule (real SQLite, real files)', () => {
  let t: NotificationsTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const inboxRow = (eventId: string) => t!.database.read((m) => m.findOne(InboxMessageRecord, { where: { eventId } }));
  const outboxRow = (eventId: string) => t!.database.read((m) => m.findOne(OutboxEventRecord, { where: { id: eventId } }));
  const nonEmpty = (rows: unknown[]) => rows.length > 0;
  /** Rows are recorded PENDING with the event and sent after that commit: wait for the send. */
  const allSent = (rows: DeliveryEntity[]) => rows.length > 0 && rows.every((row) => row.status === 'SENT');
  const waiting = (what: string) => ({ what, timeoutMs: 5_000, intervalMs: 20 });

  it('sends one OrderConfirmed as exactly one .eml and records it', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());

    const [row] = await waitFor(() => t!.deliveries(), allSent, waiting('a sent delivery'));
    const id = deliveryIdFor(eventId, 'order-confirmed');
    expect(row).toMatchObject({ id, eventId, template: 'order-confirmed', recipient: 'ann@example.com', transport: 'file', status: 'SENT', attempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.location).toBe(join(t.dataDir, 'mail', `${id}.eml`));
    expect(t.mailDirEntries()).toEqual([`${id}.eml`]);

    const raw = readFileSync(row.location, 'utf8');
    expect(raw).toContain('To: ann@example.com');
    expect(raw).toContain('From: Foodcourt <no-reply@foodcourt.local>');
    expect(raw.replace(/\n /g, ' ')).toContain(`Subject: ${row.subject}`);
    expect(row.subject).toBe('Your order 11111111-1111-4111-8111-111111111111 is confirmed');
    expect(raw).toContain('EUR 12.50');
    expect(raw).toContain(`Message-ID: <${id}@foodcourt.local>`);
  });

  it('welcomes a newly registered user with one .eml', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(UserRegistered, userRegistered());

    const [row] = await waitFor(() => t!.deliveries(), allSent, waiting('a sent delivery'));
    const id = deliveryIdFor(eventId, 'welcome');
    expect(row).toMatchObject({ id, eventId, template: 'welcome', recipient: 'ann@example.com', transport: 'file' });
    expect(row.subject).toBe('Welcome to Foodcourt, Ann <Admin> & Co');
    expect(t.mailDirEntries()).toEqual([`${id}.eml`]);
    const raw = readFileSync(row.location, 'utf8');
    expect(raw).toContain('To: ann@example.com');
    expect(raw.replace(/\n /g, ' ')).toContain('Subject: Welcome to Foodcourt, Ann <Admin> & Co');
    expect(raw).toContain('Hello Ann <Admin> & Co,');
    expect(raw).toContain('Ann &lt;Admin&gt; &amp; Co');
  });

  it('has the effect once when the same event is delivered twice', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());
    const [first] = await waitFor(() => t!.deliveries(), allSent, waiting('a sent delivery'));
    const mtime = statSync(first.location).mtimeMs;
    const send = jest.spyOn(t.app.get(Mailer), 'send');

    // Broker-style redelivery: the relay sends the published event again; the inbox drops it.
    await t.app.get(DeadLetterService).republish(eventId);
    await waitFor(() => outboxRow(eventId), (row) => !!row?.publishedAt, waiting('the republished event to be relayed'));
    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the inbox to be processed'));

    // Handler-level redelivery: the inbox hands the event to the subscriber again; the delivery row stops it.
    await t.database.transaction((m) => m.update(InboxMessageRecord, { eventId }, { status: 'pending', handledAt: null }));
    t.app.get(InboxProcessor).nudge();
    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the event to be handled again'));

    expect(t.emlFiles()).toEqual([`${first.id}.eml`]);
    expect(await t.deliveries()).toHaveLength(1);
    expect(statSync(first.location).mtimeMs).toBe(mtime);
    expect(send).not.toHaveBeenCalled();
  });

  it('lists deliveries through the port, newest first, with Dates', async () => {
    t = await NotificationsTestApp.start();
    const confirmedId = await t.publish(OrderConfirmed, orderConfirmed());
    await waitFor(() => t!.deliveries(), (rows) => rows.length === 1, waiting('the first delivery'));
    const cancelledId = await t.publish(OrderCancelled, orderCancelled());
    await waitFor(() => t!.deliveries(), (rows) => rows.length === 2, waiting('the second delivery'));
    await t.publish(PaymentFailed, paymentFailed('bob@example.com'));
    await waitFor(() => t!.deliveries(), (rows) => rows.length === 3, waiting('the third delivery'));

    const port = t.app.get<NotificationsApi>(NOTIFICATIONS_API);
    const ann = await port.listDeliveries({ recipient: 'ann@example.com' });
    expect(ann.total).toBe(2);
    expect(ann.items.map((d) => d.eventId)).toEqual([cancelledId, confirmedId]);
    expect(ann.items[0].createdAt).toBeInstanceOf(Date);
    expect(ann.items[0]).toMatchObject({ template: 'order-cancelled', subject: 'Your order 11111111-1111-4111-8111-111111111111 was cancelled' });

    const page = await port.listDeliveries({ limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ eventId: cancelledId }] });
    expect(await port.listDeliveries({ recipient: 'nobody@example.com' })).toEqual({ items: [], total: 0 });
    await expect(port.listDeliveries({ limit: 0 })).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('gives up after maxAttempts when the SMTP server is down: the delivery shows FAILED and its event is dead-lettered', async () => {
    t = await NotificationsTestApp.start('smtp://127.0.0.1:1');
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());

    const [letter] = await waitFor(
      async () => (await t!.app.get(DeadLetterService).list()).filter((l) => l.eventId === eventId),
      nonEmpty,
      waiting('a dead letter'),
    );
    expect(letter).toMatchObject({ subscriber: 'notifications.mail-order-confirmed', domain: 'notifications', attempts: 3 });
    expect(letter.error).toMatch(/ECONNREFUSED|connect/i);
    expect((await inboxRow(eventId))?.status).toBe('dead');
    expect(await t.deliveries()).toEqual([expect.objectContaining({ eventId, status: 'FAILED', attempts: 3, lastError: letter.error })]);
    expect(t.mailDirEntries()).toEqual([]);
  });

  it('hands the e-mail to an SMTP server with a deterministic Message-ID', async () => {
    const smtp = await FakeSmtpServer.start();
    try {
      t = await NotificationsTestApp.start(smtp.url);
      const eventId = await t.publish(OrderConfirmed, orderConfirmed());
      const [row] = await waitFor(() => t!.deliveries(), allSent, waiting('a sent delivery'));
      const messageId = `<${deliveryIdFor(eventId, 'order-confirmed')}@foodcourt.local>`;
      expect(row).toMatchObject({ transport: 'smtp', location: messageId, recipient: 'ann@example.com' });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain(`Message-ID: ${messageId}`);
      expect(smtp.messages[0]).toContain('EUR 12.50');
      expect(t.mailDirEntries()).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it('mails a receipt for a PaymentCaptured with receiptEmail', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(PaymentCaptured, paymentCaptured('bob@example.com'));

    const [row] = await waitFor(() => t!.deliveries(), allSent, waiting('a sent receipt'));
    const id = deliveryIdFor(eventId, 'payment-captured');
    expect(row).toMatchObject({ id, eventId, template: 'payment-captured', recipient: 'bob@example.com', subscriber: 'notifications.mail-payment-captured' });
    expect(t.mailDirEntries()).toEqual([`${id}.eml`]);
    const raw = readFileSync(row.location, 'utf8');
    expect(raw).toContain('To: bob@example.com');
    expect(raw).toContain('Paid: EUR 12.50');
  });

  it('sends nothing for a PaymentCaptured without receiptEmail', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(PaymentCaptured, paymentCaptured());

    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the inbox to be processed'));
    expect(await t.deliveries()).toEqual([]);
    expect(t.mailDirEntries()).toEqual([]);
  });

  it('sends nothing for a PaymentFailed without receiptEmail', async () => {
    t = await NotificationsTestApp.start();
    const eventId = await t.publish(PaymentFailed, paymentFailed());

    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the inbox to be processed'));
    expect(await t.deliveries()).toEqual([]);
    expect(t.mailDirEntries()).toEqual([]);
  });
});
