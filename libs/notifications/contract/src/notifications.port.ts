import { definePort, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import { DeliveryList, ListDeliveriesInput } from './deliveries.dto';

/** The notifications domain's synchronous API. */
export const NotificationsPort = definePort('notifications', {
  listDeliveries: portMethod({ input: ListDeliveriesInput, output: DeliveryList, idempotent: true, timeoutMs: 2_000 }),
});

/** What a caller of the notifications port can do. */
export type NotificationsApi = PortApi<typeof NotificationsPort>;
/** DI token of the notifications port. */
export const NOTIFICATIONS_API = NotificationsPort.token;
