import { startUnit } from '@foodcourt/platform-host';
import { SEARCH_SERVICE } from './binary';

startUnit(SEARCH_SERVICE);
