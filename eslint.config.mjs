// ESLint 9 flat config for the whole workspace.
//
// Module boundaries (docs/architecture-rules.md, rule 2) are enforced by two dimensions of tags that every
// project carries: `type:*` (what kind of project) and `scope:*` (which domain). Nx applies EVERY
// constraint whose sourceTag the importing project has, so an import is legal only if it satisfies
// its type constraint AND its scope constraint:
//
//   orders-core -> payments-core      type:core ok, scope:orders forbids scope:payments (not a contract)  -> error
//   orders-core -> payments-contract  type:core ok, scope:orders allows type:contract                     -> ok
//   orders-http -> orders-core        type:http allows only contract/platform                             -> error
//   platform-*  -> any domain         type:platform / scope:platform allow only platform                  -> error
//
// A project whose tags match no constraint may not import any workspace project: tag new projects
// (tools/scripts/new-project.sh) with one scope:* and one type:* tag.
//
// The same rules are checked on the real project graph by tools/architecture (npm run graph:check),
// which also catches dependencies that do not come from an import statement.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Business domains: every domain of docs/architecture.md. Add a domain here when you create it. */
const DOMAINS = ['orders', 'payments', 'notifications', 'identity', 'catalog', 'search'];

/** Client libraries of each transport: only its own transport library (and the host wiring them) may import them. */
const NATS_CLIENTS = ['nats', '@nats-io/*'];
const RABBITMQ_CLIENTS = ['amqplib', 'amqp-connection-manager'];
/** What a contract must never stand on, even transitively through a workspace lib: transports, databases, token crypto. */
const HEAVY = ['@nestjs/microservices', '@nestjs/microservices/*', 'typeorm', ...NATS_CLIENTS, ...RABBITMQ_CLIENTS, 'jose', 'pg', 'better-sqlite3'];

// The same table as ALLOWED_TARGET_TYPES in tools/architecture/src/module-rules.ts, which checks it on the project graph.
const depConstraints = [
  // --- type dimension ---
  // The kernel: how a port, an event, an error and a DTO are declared. No Nest runtime, no transport, no database.
  { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: [], bannedExternalImports: [...HEAVY, '@nestjs/common', '@nestjs/core'] },
  { sourceTag: 'type:wire', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: ['typeorm', ...NATS_CLIENTS, ...RABBITMQ_CLIENTS, 'jose', 'pg', 'better-sqlite3'] },
  // One library per transport; a transport never imports another (shared wire code is platform-wire's).
  { sourceTag: 'type:transport', onlyDependOnLibsWithTags: ['type:kernel', 'type:wire'], bannedExternalImports: ['typeorm', 'jose', 'pg', 'better-sqlite3'] },
  { sourceTag: 'transport:tcp', bannedExternalImports: [...NATS_CLIENTS, ...RABBITMQ_CLIENTS] },
  { sourceTag: 'transport:nats', bannedExternalImports: RABBITMQ_CLIENTS },
  { sourceTag: 'transport:rabbitmq', bannedExternalImports: NATS_CLIENTS },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:kernel', 'type:wire', 'type:platform'], bannedExternalImports: [...NATS_CLIENTS, ...RABBITMQ_CLIENTS] },
  // The host is where a binary's transports meet the platform.
  { sourceTag: 'type:host', onlyDependOnLibsWithTags: ['type:kernel', 'type:wire', 'type:platform', 'type:transport'] },
  // A contract is the lightest thing in the house: the kernel, other contracts, and nothing heavy.
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:kernel', 'type:contract'], bannedExternalImports: [...HEAVY, '@nestjs/core'] },
  { sourceTag: 'type:registry', onlyDependOnLibsWithTags: ['type:kernel', 'type:contract', 'type:platform', 'type:host'] },
  // type:core is allowed here; the scope constraints below restrict it to the core's own domain.
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:kernel', 'type:contract', 'type:platform', 'type:core'] },
  // http depends on the port (a contract), never on a core, so a gateway can serve it without the core.
  { sourceTag: 'type:http', onlyDependOnLibsWithTags: ['type:kernel', 'type:contract', 'type:platform'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'], notDependOnLibsWithTags: ['type:e2e'] },
  // The black-box e2e suite talks HTTP to real processes: it may reuse DTOs, the harness, and the host's unit links.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:kernel', 'type:platform', 'type:host', 'type:contract'] },
  {
    sourceTag: 'type:tooling',
    onlyDependOnLibsWithTags: ['type:tooling', 'type:kernel', 'type:wire', 'type:transport', 'type:platform', 'type:host', 'type:contract', 'type:registry'],
  },

  // --- scope dimension: a domain sees itself, the platform, and other domains' contracts only ---
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
  // The registry of every domain's port, for binaries that bind any domain remotely.
  { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:platform', 'type:contract'] },
  ...DOMAINS.map((domain) => ({
    sourceTag: `scope:${domain}`,
    onlyDependOnLibsWithTags: [`scope:${domain}`, 'scope:platform', 'type:contract'],
  })),
];

/** Globals of a CommonJS Node script (.cjs), so `no-undef` stays useful there. */
const nodeCommonJsGlobals = Object.fromEntries(
  [
    'require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'URL', 'URLSearchParams', 'AbortController', 'fetch', 'structuredClone', 'queueMicrotask',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/tmp/**',
      '**/data/**',
      '**/coverage/**',
      '.nx/**',
    ],
  },

  // Registers the @nx plugin (flat/base).
  ...nx.configs['flat/base'],

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allowCircularSelfDependency: false,
          allow: [],
          depConstraints,
        },
      ],
      // enforce-module-boundaries does not flag a deep import of another project's sources
      // (docs/architecture-rules.md, "Deep imports"): import a project only through its public entry point.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@foodcourt/*/src', '@foodcourt/*/src/**'],
              message: 'Deep import of another project: import its public entry point (@foodcourt/<project>) instead.',
            },
          ],
        },
      ],
    },
  },

  {
    // CommonJS files: jest.config.cjs, jest.preset.cjs, tools/scripts/*.cjs. They stay linted (not ignored)
    // so that every project has at least one lintable file and `eslint {projectRoot}` never fails with
    // "all of the files matching the glob pattern are ignored" on a project that has no sources yet.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeCommonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    // A project's jest.config.cjs requires the shared preset at the workspace root, which is no project:
    // that is configuration, not a module dependency.
    files: ['**/jest.config.cjs', '**/jest.*.config.cjs', '**/jest.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
