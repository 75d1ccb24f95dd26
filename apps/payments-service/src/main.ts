import { startUnit } from '@foodcourt/platform-host';
import { PAYMENTS_SERVICE } from './binary';

startUnit(PAYMENTS_SERVICE);
