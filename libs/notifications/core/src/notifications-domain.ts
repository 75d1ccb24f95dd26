/** Domain whose database holds the subscribers' inbox and the delivery log. */
export const NOTIFICATIONS_DOMAIN = 'notifications';
