/** Port calls are told from event and DTO imports by what a lib imports as a value. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPortCalls, valueImports } from './read-port-calls';
import type { WorkspaceProject } from './read-project-graph';

describe('valueImports', () => {
  it('keeps value imports under their exported name and drops type-only ones', () => {
    const text = [
      "import { CATALOG_API as Catalog, type CatalogApi, ProductChanged } from '@foodcourt/catalog-contract';",
      "import type { OrderConfirmedPayload } from '@foodcourt/orders-contract';",
      "import * as payments from '@foodcourt/payments-contract';",
    ].join('\n');
    const imports = valueImports('x.ts', text);
    expect([...imports.get('@foodcourt/catalog-contract')!].sort()).toEqual(['CATALOG_API', 'ProductChanged']);
    expect(imports.has('@foodcourt/orders-contract')).toBe(false);
    expect([...imports.get('@foodcourt/payments-contract')!]).toEqual(['*']);
  });
});

describe('readPortCalls', () => {
  const token = Symbol('pantry');
  const pantry = { domain: 'pantry', exports: { PantryPort: { token }, PANTRY_API: token, Restocked: { type: 'pantry.restocked' } }, port: { token } };
  const project = (name: string, root: string, tags: string[], dependsOn: string[] = []): WorkspaceProject => ({ name, root, tags, dependsOn });
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'port-calls-'));
    const write = (file: string, text: string): void => {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    write('libs/kitchen/core/src/kitchen.service.ts', "import { PANTRY_API } from '@foodcourt/pantry-contract';\n");
    write('libs/waiters/core/src/listener.ts', "import { Restocked } from '@foodcourt/pantry-contract';\n");
    // A fake binding in test support does not make the waiters a caller.
    write('libs/waiters/core/src/test-support/fake-pantry.ts', "import { PantryPort } from '@foodcourt/pantry-contract';\n");
    write('libs/waiters/core/src/listener.spec.ts', "import { PANTRY_API } from '@foodcourt/pantry-contract';\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('counts a lib that imports the port or its token, not one that imports only events or binds a fake', () => {
    const projects = [
      project('pantry-contract', 'libs/pantry/contract', ['scope:pantry', 'type:contract']),
      project('kitchen-core', 'libs/kitchen/core', ['scope:kitchen', 'type:core'], ['pantry-contract']),
      project('waiters-core', 'libs/waiters/core', ['scope:waiters', 'type:core'], ['pantry-contract']),
    ];
    expect(Object.fromEntries(readPortCalls(root, projects, [pantry]))).toEqual({ kitchen: ['pantry'] });
  });
});
