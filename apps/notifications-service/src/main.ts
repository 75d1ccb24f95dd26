import { startUnit } from '@foodcourt/platform-host';
import { NOTIFICATIONS_SERVICE } from './binary';

startUnit(NOTIFICATIONS_SERVICE);
