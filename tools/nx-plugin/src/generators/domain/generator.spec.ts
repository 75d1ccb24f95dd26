import 'reflect-metadata';
import { resolve } from 'node:path';
import { readJson, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { parseTopology, resolveUnit } from '@foodcourt/platform-topology';
import { domainGenerator } from './generator';
import { addEntry } from './source-edits';

/** The real workspace, read through a tree that is never flushed: nothing here touches the disk. */
const WORKSPACE = resolve(__dirname, '../../../../..');
const SIX = ['identity', 'catalog', 'search', 'orders', 'payments', 'notifications'];

const workspaceTree = (): Tree => new FsTree(WORKSPACE, false);
const text = (tree: Tree, path: string): string => tree.read(path, 'utf8') ?? '';
const created = (tree: Tree) => tree.listChanges().filter((c) => c.type === 'CREATE').map((c) => c.path).sort();
const updated = (tree: Tree) => tree.listChanges().filter((c) => c.type === 'UPDATE').map((c) => c.path).sort();

describe('domain generator', () => {
  describe('reviews', () => {
    let tree: Tree;
    beforeAll(async () => {
      tree = workspaceTree();
      await domainGenerator(tree, { name: 'reviews' });
    });

    it('creates the three libraries and the service app, each an Nx project with its tags', () => {
      expect(created(tree)).toEqual(
        [
          'apps/reviews-service/jest.config.cjs',
          'apps/reviews-service/project.json',
          'apps/reviews-service/src/binary.spec.ts',
          'apps/reviews-service/src/binary.ts',
          'apps/reviews-service/src/main.ts',
          'apps/reviews-service/tsconfig.json',
          ...['jest.config.cjs', 'project.json', 'tsconfig.json'].flatMap((f) => ['contract', 'core', 'http'].map((k) => `libs/reviews/${k}/${f}`)),
          ...[
            'index.ts',
            'reviews-contract.spec.ts',
            'reviews.consumes.ts',
            'reviews.dto.ts',
            'reviews.errors.ts',
            'reviews.events.ts',
            'reviews.port.ts',
          ].map((f) => `libs/reviews/contract/src/${f}`),
          ...[
            'index.ts',
            'persistence/create-reviews-tables.migration.ts',
            'persistence/review.entity.ts',
            'reviews-core.module.spec.ts',
            'reviews-core.module.ts',
            'service/reviews.service.ts',
          ].map((f) => `libs/reviews/core/src/${f}`),
          ...['index.ts', 'review-id.pipe.ts', 'reviews-http.module.ts', 'reviews.controller.spec.ts', 'reviews.controller.ts'].map((f) => `libs/reviews/http/src/${f}`),
        ].sort(),
      );
      for (const kind of ['contract', 'core', 'http']) {
        expect(readJson(tree, `libs/reviews/${kind}/project.json`)).toMatchObject({ name: `reviews-${kind}`, tags: ['scope:reviews', `type:${kind}`] });
      }
      expect(readJson(tree, 'apps/reviews-service/project.json')).toMatchObject({ name: 'reviews-service', projectType: 'application', tags: ['scope:app', 'type:app'] });
    });

    it('fills the templates: port, event, error, consumes, routes, a timestamped migration', () => {
      expect(text(tree, 'libs/reviews/contract/src/reviews.port.ts')).toContain("export const ReviewsPort = definePort('reviews', {");
      expect(text(tree, 'libs/reviews/contract/src/reviews.events.ts')).toContain("defineEvent('reviews.review-created', ReviewCreatedPayload)");
      expect(text(tree, 'libs/reviews/contract/src/reviews.errors.ts')).toContain("@DomainErrorCode('REVIEW_NOT_FOUND', 'not-found')");
      expect(text(tree, 'libs/reviews/contract/src/reviews.consumes.ts')).toContain('export const REVIEWS_CONSUMES: readonly string[] = [];');
      expect(text(tree, 'libs/reviews/http/src/reviews.controller.ts')).toContain("@Controller('reviews')");
      expect(text(tree, 'libs/reviews/core/src/persistence/create-reviews-tables.migration.ts')).toMatch(/export class CreateReviewsTables\d{13} implements MigrationInterface/);
      expect(text(tree, 'apps/reviews-service/src/binary.ts')).toContain("export const REVIEWS_SERVICE = serviceBinary('reviews', ReviewsCoreModule);");
      // No template syntax left anywhere.
      for (const path of created(tree)) expect({ path, leftover: /<%|%>|__name__|__item__/.test(text(tree, path)) }).toEqual({ path, leftover: false });
    });

    it('registers the domain in the registry, the monolith, the gateway, the lint rules and the architecture tool', () => {
      const ports = text(tree, 'libs/contract-registry/src/domain-ports.ts');
      expect(ports).toContain("import { ReviewsPort } from '@foodcourt/reviews-contract';");
      expect(ports).toMatch(/ {2}notifications: NotificationsPort,\n {2}reviews: ReviewsPort,\n};/);
      expect(text(tree, 'libs/contract-registry/src/domain-consumes.ts')).toMatch(/ {2}reviews: REVIEWS_CONSUMES,\n};/);
      expect(text(tree, 'libs/contract-registry/src/domain-errors.spec.ts')).toContain('auth, kernel, messaging, reviews };');
      expect(text(tree, 'tools/architecture/src/read-contracts.ts')).toMatch(/ {2}reviews: reviewsContract,\n};/);
      const monolith = text(tree, 'apps/monolith/src/hosted-domains.ts');
      expect(monolith).toMatch(/ {2}reviews: ReviewsCoreModule,\n};/);
      expect(monolith).toContain('NotificationsHttpModule, ReviewsHttpModule],');
      expect(monolith).toContain("import { ReviewsHttpModule } from '@foodcourt/reviews-http';");
      expect(text(tree, 'apps/gateway/src/binary.ts')).toContain('NotificationsHttpModule, ReviewsHttpModule]);');
      expect(text(tree, 'eslint.config.mjs')).toContain("const DOMAINS = ['orders', 'payments', 'notifications', 'identity', 'catalog', 'search', 'reviews'];");
    });

    it('adds the path aliases (kept sorted), the start script and the e2e runs that start the new unit', () => {
      const paths = readJson(tree, 'tsconfig.base.json').compilerOptions.paths as Record<string, string[]>;
      expect(paths['@foodcourt/reviews-core']).toEqual(['./libs/reviews/core/src/index.ts']);
      expect(Object.keys(paths)).toEqual([...Object.keys(paths)].sort((a, b) => a.localeCompare(b)));
      const scripts = readJson(tree, 'package.json').scripts as Record<string, string>;
      expect(scripts['start:reviews']).toBe('SWC_NODE_PROJECT=tsconfig.node.json node -r @swc-node/register apps/reviews-service/src/main.ts');
      expect(Object.keys(scripts).indexOf('start:reviews')).toBe(Object.keys(scripts).indexOf('start:gateway') - 1);
      // Where the domain became a unit of its own; where it joined "monolith" the run starts no new binary.
      for (const run of ['split-tcp', 'split-nats', 'split-rabbitmq']) expect(readJson(tree, `apps/e2e/runs/${run}/project.json`).implicitDependencies).toContain('reviews-service');
      for (const run of ['monolith', 'payments-extracted', 'postgres']) expect(readJson(tree, `apps/e2e/runs/${run}/project.json`).implicitDependencies).not.toContain('reviews-service');
    });

    it('places the domain in every shipped topology, each still valid with the new domain known', () => {
      const topologies = tree.children('topology').filter((f) => f.endsWith('.yaml'));
      expect(updated(tree)).toEqual(expect.arrayContaining(topologies.map((f) => `topology/${f}`)));
      const known = [...SIX, 'reviews'];
      for (const file of topologies) {
        const topology = parseTopology(file, text(tree, `topology/${file}`));
        const host = topology.units.find((u) => u.domains.includes('reviews'))!;
        expect(() => resolveUnit(file, topology, host.name, { knownDomains: known, hostableDomains: known })).not.toThrow();
        if (topology.units.some((u) => u.name === 'monolith')) expect(host.name).toBe('monolith');
        else expect(host).toMatchObject({ name: 'reviews', domains: ['reviews'], http: false });
      }
      const tcp = parseTopology('split-tcp.yaml', text(tree, 'topology/split-tcp.yaml'));
      expect(tcp.units.at(-1)).toEqual({ name: 'reviews', domains: ['reviews'], http: false, address: '127.0.0.1:4107' });
      expect(parseTopology('split-nats.yaml', text(tree, 'topology/split-nats.yaml')).units.at(-1)).toEqual({ name: 'reviews', domains: ['reviews'], http: false });
      // The comments at the top of each file stay.
      expect(text(tree, 'topology/split-tcp.yaml').startsWith('# Every domain in its own unit')).toBe(true);
    });

    it('changes nothing else', () => {
      expect(updated(tree)).toEqual(
        [
          'apps/e2e/runs/split-nats/project.json',
          'apps/e2e/runs/split-rabbitmq/project.json',
          'apps/e2e/runs/split-tcp/project.json',
          'apps/gateway/src/binary.ts',
          'apps/monolith/src/hosted-domains.ts',
          'eslint.config.mjs',
          'libs/contract-registry/src/domain-consumes.ts',
          'libs/contract-registry/src/domain-errors.spec.ts',
          'libs/contract-registry/src/domain-ports.ts',
          'package.json',
          'tools/architecture/src/read-contracts.ts',
          'tsconfig.base.json',
          ...tree.children('topology').filter((f) => f.endsWith('.yaml')).map((f) => `topology/${f}`),
        ].sort(),
      );
    });
  });

  it('spells a kebab-case domain as identifiers and quoted keys (gift-cards)', async () => {
    const tree = workspaceTree();
    await domainGenerator(tree, { name: 'gift-cards' });
    expect(text(tree, 'libs/contract-registry/src/domain-ports.ts')).toContain("'gift-cards': GiftCardsPort,");
    expect(text(tree, 'libs/contract-registry/src/domain-errors.spec.ts')).toContain("'gift-cards': giftCards };");
    expect(text(tree, 'libs/gift-cards/contract/src/gift-cards.port.ts')).toContain('export const GIFT_CARDS_API = GiftCardsPort.token;');
    expect(text(tree, 'libs/gift-cards/core/src/persistence/gift-card.entity.ts')).toContain("@Entity('gift_card')");
  });

  it('takes the record name from --item', async () => {
    const tree = workspaceTree();
    await domainGenerator(tree, { name: 'inventory', item: 'stock-item' });
    expect(text(tree, 'libs/inventory/contract/src/inventory.errors.ts')).toContain("@DomainErrorCode('STOCK_ITEM_NOT_FOUND', 'not-found')");
    expect(tree.exists('libs/inventory/core/src/persistence/stock-item.entity.ts')).toBe(true);
  });

  describe('refuses, in one line and before writing anything,', () => {
    it.each([
      ['Reviews', /^domain name "Reviews" is invalid: use lower-case kebab-case/],
      ['1reviews', /^domain name "1reviews" is invalid/],
      ['re_views', /^domain name "re_views" is invalid/],
      ['reviews-', /^domain name "reviews-" is invalid/],
      ['', /^domain name "" is invalid/],
      ['a'.repeat(31), /is too long: at most 30 characters$/],
      ['reviews-service', /leave "-service" out$/],
      ['platform', /^domain name "platform" is reserved/],
      ['gateway', /^domain name "gateway" is reserved/],
      ['contract-registry', /^domain name "contract-registry" is reserved/],
      ['e2e', /^domain name "e2e" is reserved/],
      ['bench', /^domain name "bench" is reserved/],
      ['orders', /^domain "orders" already exists \(libs\/orders\)$/],
      ['search', /^domain "search" already exists \(libs\/search\)$/],
      ['architecture', /reserved/],
      ['products', /^domain name "products" is taken: the route \/products is already served by libs\/catalog\/http\/src\/products\.controller\.ts$/],
      ['auth', /the route \/auth is already served by libs\/identity\/http\//],
    ])('%j', async (name, message) => {
      const tree = workspaceTree();
      const error = await domainGenerator(tree, { name }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toMatch(message);
      expect(error!.message).not.toContain('\n');
      expect(tree.listChanges()).toEqual([]);
    });

    it('a bad --item', async () => {
      const tree = workspaceTree();
      await expect(domainGenerator(tree, { name: 'reviews', item: 'Review' })).rejects.toThrow(/^item name "Review" is invalid/);
      expect(tree.listChanges()).toEqual([]);
    });
  });

  it('fails naming the file when a registration anchor has moved, instead of guessing', () => {
    expect(() => addEntry('apps/gateway/src/binary.ts', 'export const GATEWAY = gateway([A]);', 'gatewayBinary([', 'B')).toThrow(
      'cannot register the domain in apps/gateway/src/binary.ts: gatewayBinary([ not found',
    );
    expect(addEntry('f.ts', 'const X = {\n  a: A,\n  b: B\n};\n', 'const X = {', 'c: C')).toBe('const X = {\n  a: A,\n  b: B,\n  c: C,\n};\n');
    expect(addEntry('f.ts', 'f([])', 'f([', 'A')).toBe('f([A])');
  });
});

