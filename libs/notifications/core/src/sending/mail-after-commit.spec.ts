import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderCancelled, OrderConfirmed } from '@foodcourt/orders-contract';
import { DeadLetterService, InboxMessageRecord, InboxProcessor, OutboxEventRecord } from '@foodcourt/platform-messaging';
import { waitFor } from '@foodcourt/platform-testing';
import { deliveryIdFor } from '../deliveries/delivery-id';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import { messageIdFor } from '../mail/mail-sender';
import { FakeSmtpServer } from '../test-support/fake-smtp-server';
import { spawnNotificationsChild } from '../test-support/notifications-child-process';
import { NotificationsTestApp } from '../test-support/notifications-test-app';
import { orderCancelled, orderConfirmed } from '../test-support/payloads';
import { INTERRUPTED_SEND, MailDispatcher } from './mail-dispatcher';

/** The e-mail is sent after the inbox commit, and no redelivery, restart or crash makes the customer get it twice. */
describe('e-mail sent after the inbox commit, never twice (real SQLite, real SMTP)', () => {
  let smtp: FakeSmtpServer;
  let dataDir: string;
  let t: NotificationsTestApp | undefined;

  beforeEach(async () => {
    smtp = await FakeSmtpServer.start();
    dataDir = mkdtempSync(join(tmpdir(), 'notifications-once-'));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const waiting = (what: string, timeoutMs = 5_000) => ({ what, timeoutMs, intervalMs: 20 });
  const copiesOfConfirmation = (eventId: string) => smtp.copiesOf(messageIdFor(deliveryIdFor(eventId, 'order-confirmed')));
  const deliveryOf = async (eventId: string, template: DeliveryEntity['template'] = 'order-confirmed') =>
    (await t!.deliveries()).find((d) => d.id === deliveryIdFor(eventId, template));
  const inboxRow = (eventId: string) => t!.database.read((m) => m.findOne(InboxMessageRecord, { where: { eventId } }));

  /** The publisher sends the event again (a broker redelivery): the inbox has it already. */
  async function redeliverThroughRelay(eventId: string): Promise<void> {
    await t!.app.get(DeadLetterService).republish(eventId);
    const outboxRow = () => t!.database.read((m) => m.findOne(OutboxEventRecord, { where: { id: eventId } }));
    await waitFor(outboxRow, (row) => !!row?.publishedAt, waiting('the event to be relayed again'));
  }

  /** The inbox hands the event to the subscriber once more, as if its first run had not counted. */
  async function redeliverToSubscriber(eventId: string): Promise<void> {
    await t!.database.transaction((m) => m.update(InboxMessageRecord, { eventId }, { status: 'pending', handledAt: null }));
    t!.app.get(InboxProcessor).nudge();
    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the subscriber to run again'));
  }

  /** Mails are sent in the order recorded: once a later one is out, nothing more is coming for earlier ones. */
  async function sendALaterMail(): Promise<void> {
    const later = await t!.publish(OrderCancelled, orderCancelled());
    await waitFor(() => deliveryOf(later, 'order-cancelled'), (row) => row?.status === 'SENT', waiting('a later e-mail'));
  }

  it('sends one e-mail when the event is redelivered after its inbox commit', async () => {
    t = await NotificationsTestApp.start(smtp.url, dataDir);
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());
    await waitFor(() => deliveryOf(eventId), (row) => row?.status === 'SENT', waiting('the e-mail to be sent'));

    await redeliverThroughRelay(eventId);
    await redeliverToSubscriber(eventId);
    await sendALaterMail();

    expect(copiesOfConfirmation(eventId)).toHaveLength(1);
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'SENT', attempts: 1, location: messageIdFor(deliveryIdFor(eventId, 'order-confirmed')) });
  });

  it('does not mail again after the subscriber is killed between the SMTP accept and recording the send', async () => {
    const { child, exitWithin, output } = spawnNotificationsChild(dataDir, smtp.url);
    // SIGKILL before the server answers "250": the message is stored, the subscriber never learns it.
    smtp.onStored = () => child.kill('SIGKILL');
    const exit = await exitWithin(45_000);
    expect({ exit, output: exit === 'SIGKILL' ? '' : output() }).toEqual({ exit: 'SIGKILL', output: '' });
    smtp.onStored = undefined;
    expect(smtp.messages).toHaveLength(1);

    t = await NotificationsTestApp.start(smtp.url, dataDir);
    const [row] = await t.deliveries();
    expect(row).toMatchObject({ status: 'FAILED', lastError: INTERRUPTED_SEND });
    await redeliverThroughRelay(row.eventId);
    await sendALaterMail();

    expect(copiesOfConfirmation(row.eventId)).toHaveLength(1);
    // Not silently dropped either: the operator sees it among the dead letters, and can replay it.
    const letters = await t.app.get(DeadLetterService).list();
    expect(letters).toEqual([expect.objectContaining({ eventId: row.eventId, subscriber: 'notifications.mail-order-confirmed', error: INTERRUPTED_SEND })]);

    // Only that replay, the operator's decision, sends it again: under the same Message-ID, so a receiver can drop the copy.
    await t.app.get(DeadLetterService).replay(letters[0]!.id);
    await waitFor(() => deliveryOf(row.eventId), (d) => d?.status === 'SENT', waiting('the replayed e-mail'));
    expect(copiesOfConfirmation(row.eventId)).toHaveLength(2);
    expect(smtp.messages).toHaveLength(3); // the two copies and the later e-mail
  }, 60_000);

  it('sends, once, after a restart, an e-mail recorded by a process that died before sending it', async () => {
    t = await NotificationsTestApp.start(smtp.url, dataDir);
    await t.app.get(MailDispatcher).stop(); // the process dies after the inbox commit, before the send
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());
    await waitFor(() => inboxRow(eventId), (row) => row?.status === 'done', waiting('the inbox commit'));
    await redeliverToSubscriber(eventId);
    expect(await t.deliveries()).toEqual([expect.objectContaining({ status: 'PENDING', eventId })]);
    expect(smtp.messages).toEqual([]);
    await t.close();

    t = await NotificationsTestApp.start(smtp.url, dataDir);
    await waitFor(() => deliveryOf(eventId), (row) => row?.status === 'SENT', waiting('the e-mail sent after the restart'));
    await redeliverThroughRelay(eventId);
    await sendALaterMail();

    expect(copiesOfConfirmation(eventId)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(2);
  });

  it('sends a FAILED e-mail once when the operator replays its dead letter', async () => {
    t = await NotificationsTestApp.start('smtp://127.0.0.1:1', dataDir);
    const eventId = await t.publish(OrderConfirmed, orderConfirmed());
    const [letter] = await waitFor(() => t!.app.get(DeadLetterService).list(), (letters) => letters.length > 0, waiting('a dead letter'));
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'FAILED', attempts: 3 });
    await t.close();

    // The mail server is fixed and the app restarted on the same data.
    t = await NotificationsTestApp.start(smtp.url, dataDir);
    await t.app.get(DeadLetterService).replay(letter.id);
    await waitFor(() => deliveryOf(eventId), (row) => row?.status === 'SENT', waiting('the replayed e-mail'));
    await redeliverThroughRelay(eventId);
    await sendALaterMail();

    expect(copiesOfConfirmation(eventId)).toHaveLength(1);
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(await t.app.get(DeadLetterService).list()).toEqual([]);
  });
});
