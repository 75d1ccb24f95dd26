import { startUnit } from '@foodcourt/platform-host';
import { ORDERS_SERVICE } from './binary';

startUnit(ORDERS_SERVICE);
