import { serviceBinary } from '@foodcourt/contract-registry';
import { NotificationsCoreModule } from '@foodcourt/notifications-core';

/** The notifications service: the notifications core, everything else remote. */
export const NOTIFICATIONS_SERVICE = serviceBinary('notifications', NotificationsCoreModule);
