import { startUnit } from '@foodcourt/platform-host';
import { IDENTITY_SERVICE } from './binary';

startUnit(IDENTITY_SERVICE);
