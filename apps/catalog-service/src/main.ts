import { startUnit } from '@foodcourt/platform-host';
import { CATALOG_SERVICE } from './binary';

startUnit(CATALOG_SERVICE);
