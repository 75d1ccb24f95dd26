import { startUnit } from '@foodcourt/platform-host';
import { GATEWAY } from './binary';

startUnit(GATEWAY);
