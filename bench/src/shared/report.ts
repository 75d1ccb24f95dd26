import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/** Repository root, found from this file so the bench runs from any working directory. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** A table of one benchmark section, already formatted. */
export interface Table {
  title?: string;
  /** Align every column left (text tables); by default the first column is left, the others right (numbers). */
  text?: boolean;
  headers: string[];
  rows: string[][];
}

/** One goal of the issue and whether the measurement meets it. `met: null` means not measured. */
export interface Goal {
  benchmark: string;
  goal: string;
  measured: string;
  met: boolean | null;
  /** How far off a missed goal is (or the margin of a met one). */
  gap: string;
}

/** What one benchmark module returns: rendered into its section of BENCHMARKS.md. */
export interface SectionResult {
  id: string;
  title: string;
  /** ISO date-time the section was measured. */
  ranAt: string;
  command: string;
  quick: boolean;
  /** Paragraphs before the tables: what is measured and how. */
  method: string[];
  tables: Table[];
  /** Paragraphs after the tables: caveats, analysis. */
  notes: string[];
  goals: Goal[];
  /** 1-minute load average when the section started and ended (set by the runner): how busy the machine was. */
  load?: string;
}

/** Every benchmark of the issue, in report order; modules that do not exist yet keep a "not run yet" slot. */
export const SLOTS: { id: string; title: string; pending: string }[] = [
  { id: 'B1', title: 'Local port call', pending: 'local port call vs awaited direct call, Moleculer local broker.call, @nestjs/event-emitter emitAsync' },
  {
    id: 'B2',
    title: 'Remote port call',
    pending: 'remote port call vs raw Nest TCP / NATS / RabbitMQ, raw multiplexed NATS, Moleculer over NATS',
  },
  { id: 'B3', title: 'HTTP front door', pending: 'validated JSON endpoint: ours vs Nest+Express, Nest+Fastify, bare Fastify' },
  { id: 'B4', title: 'Checkout end to end per topology', pending: 'POST /orders checkout on monolith (SQLite, PostgreSQL), payments-extracted, split-tcp, split-nats' },
  { id: 'B5', title: 'Memory and start-up', pending: 'idle RSS and spawn → /health/ready for the monolith and every split-tcp unit' },
  { id: 'B6', title: 'CI cost of a change in one domain', pending: 'nx affected vs run-many after a change in payments-core' },
  { id: 'B7', title: 'Cost of observability per checkout', pending: 'checkout CPU and latency with tracing and metrics on vs off, monolith and split-tcp' },
];

const DATA_START = '<!-- bench-data (read back by the next run to keep sections it does not re-measure; do not edit)';
const DATA_END = 'bench-data -->';

/** Versions of the packages that matter for the numbers, read from node_modules. */
export function packageVersions(): Record<string, string> {
  const names = [
    '@nestjs/core',
    '@nestjs/platform-fastify',
    '@nestjs/platform-express',
    '@nestjs/event-emitter',
    '@nestjs/microservices',
    'fastify',
    'express',
    'moleculer',
    'class-validator',
    'class-transformer',
    'nx',
    'typescript',
    '@swc-node/register',
    '@swc/core',
    'tinybench',
    'autocannon',
    'hdr-histogram-js',
  ];
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      versions[name] = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}

export function machineDescription(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() || 'unknown CPU';
  return `${model}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${process.platform} ${process.arch}`;
}

/** The sections stored in an existing report (empty when there is none or it cannot be read). */
export function readStoredSections(file: string): Record<string, SectionResult> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(DATA_START);
  const end = text.indexOf(DATA_END, start);
  if (start < 0 || end < 0) return {};
  try {
    return JSON.parse(text.slice(start + DATA_START.length, end)) as Record<string, SectionResult>;
  } catch {
    return {};
  }
}

/** Renders a markdown table; pipes inside cells are escaped. */
export function renderTable(table: Table): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines: string[] = [];
  if (table.title) lines.push(`**${table.title}**`, '');
  lines.push(`| ${table.headers.map(cell).join(' | ')} |`);
  lines.push(`|${table.headers.map((_, i) => (i === 0 || table.text ? '---' : '---:')).join('|')}|`);
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/**
 * Writes the report: the sections measured now replace stored ones of the same id, the others are
 * kept as they were (with their own date and command), and B-slots never measured say "not run yet".
 */
export function writeReport(file: string, fresh: SectionResult[], context: { command: string; startedAt: Date; finishedAt: Date }): void {
  const stored = readStoredSections(file);
  for (const section of fresh) stored[section.id] = section;
  const versions = packageVersions();
  const out: string[] = [];
  out.push('# Benchmarks');
  out.push('');
  out.push(
    `Generated by \`bench/\` (an Nx project). Regenerate with \`npm run bench\` (full set, under 15 minutes) or ` +
      '`npm run bench:quick` (short runs that only prove the harness works; written to `tmp/bench/BENCHMARKS.quick.md`, not here). ' +
      'One benchmark: `npm run bench -- --only B3`. Every figure is a median over alternating rounds (our path and its peers ' +
      'take turns, after a warm-up); ratios are to the peer named in the column. Loopback only.',
  );
  out.push('');
  out.push('| | |');
  out.push('|---|---|');
  out.push(`| last generated | ${context.finishedAt.toISOString()} (run took ${((context.finishedAt.getTime() - context.startedAt.getTime()) / 1000).toFixed(0)} s) |`);
  out.push(`| command | \`${context.command}\` |`);
  out.push(`| machine | ${machineDescription()} |`);
  out.push(`| Node.js | ${process.version} (V8 ${process.versions.v8}) |`);
  out.push(`| packages | ${Object.entries(versions).map(([n, v]) => `${n} ${v}`).join(', ')} |`);
  out.push('');
  out.push(
    '> The machine is shared (2 cores; other jobs may run at the same time), so absolute numbers are noisy; the ratios of ' +
      'alternating rounds are the figures to read.',
  );
  out.push('');

  out.push('## Goals');
  out.push('');
  const goalRows: string[][] = [];
  for (const slot of SLOTS) {
    const section = stored[slot.id];
    if (!section) {
      goalRows.push([slot.id, slot.pending, 'not run yet', '—', '—']);
      continue;
    }
    for (const goal of section.goals) {
      const verdict = goal.met === null ? 'not measured' : goal.met ? 'met' : 'missed';
      goalRows.push([goal.benchmark, goal.goal, goal.measured, verdict, goal.gap]);
    }
  }
  out.push(renderTable({ text: true, headers: ['bench', 'goal', 'measured', 'verdict', 'by how much'], rows: goalRows }));
  out.push('');

  for (const slot of SLOTS) {
    const section = stored[slot.id];
    out.push(`## ${slot.id} — ${section?.title ?? slot.title}`);
    out.push('');
    if (!section) {
      out.push(renderTable({ text: true, headers: ['benchmark', 'status'], rows: [[slot.pending, 'not run yet']] }));
      out.push('');
      continue;
    }
    out.push(
      `Measured ${section.ranAt} with \`${section.command}\`${section.quick ? ' (**quick mode**: short runs, numbers only indicative)' : ''}` +
        `${section.load ? `; 1-minute load average ${section.load} on ${cpus().length} cores` : ''}.`,
    );
    out.push('');
    for (const paragraph of section.method) out.push(paragraph, '');
    for (const table of section.tables) out.push(renderTable(table), '');
    for (const paragraph of section.notes) out.push(paragraph, '');
  }

  out.push(DATA_START);
  out.push(JSON.stringify(stored, null, 1).replace(/--/g, '-\\u002d'));
  out.push(DATA_END);
  out.push('');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, out.join('\n'));
}

/** A path relative to the workspace root, for messages. */
export function fromRoot(path: string): string {
  return relative(WORKSPACE_ROOT, path) || '.';
}
