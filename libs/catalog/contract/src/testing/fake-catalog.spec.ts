import { createLocalBinding } from '@foodcourt/platform-kernel';
import { CatalogPort } from '../catalog.port';
import { describeCatalogPortContract, FakeCatalog } from './index';

// Bound the way orders' and search's tests bind it: validated input, DTO instances out.
describeCatalogPortContract('FakeCatalog', async () => ({ port: createLocalBinding(CatalogPort, new FakeCatalog()), close: async () => undefined }));
