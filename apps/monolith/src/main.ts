import { startUnit } from '@foodcourt/platform-host';
import { MONOLITH_BINARY } from './hosted-domains';

startUnit(MONOLITH_BINARY);
