/**
 * Run as a child process by a spec that kills it mid-send: a notifications core on DATA_DIR mailing
 * through MAIL_TRANSPORT, which publishes one OrderConfirmed and then waits to be killed.
 */
import { OrderConfirmed } from '@foodcourt/orders-contract';
import { NotificationsTestApp } from './notifications-test-app';
import { orderConfirmed } from './payloads';

async function main(): Promise<void> {
  const app = await NotificationsTestApp.start(process.env['MAIL_TRANSPORT'], process.env['DATA_DIR']);
  await app.publish(OrderConfirmed, orderConfirmed());
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
