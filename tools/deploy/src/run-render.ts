import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCliArgs } from './cli-args';
import { leftoverFiles, renderShipped, renderTopologyFile, staleFiles, type RenderedDeployment } from './shipped-topologies';
import { renderCommand } from './rendered-file';

/** Where the CLI talks: progress on `out`, the one-line failure on `err`. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * The deploy:render command. Everything is rendered in memory first, so a bad flag or a topology
 * that does not validate writes nothing. Returns the exit code.
 */
export function runRender(root: string, argv: readonly string[], io: CliIo): number {
  let deployments: RenderedDeployment[];
  try {
    const args = parseCliArgs(argv);
    if (args.topology !== undefined && !existsSync(join(root, args.topology))) throw new Error(`topology file ${args.topology} does not exist`);
    deployments = args.all ? renderShipped(root) : [renderTopologyFile(root, args.topology!, args.out, args.db)];
    if (args.check) return check(root, deployments, args.all, args.db, io);
  } catch (error) {
    io.err(`deploy:render: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  for (const d of deployments) {
    for (const leftover of leftoverFiles(root, d)) rmSync(join(root, d.out, leftover));
    for (const file of d.files) {
      const path = join(root, d.out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    io.out(`rendered ${d.source} -> ${d.out}/ (${d.files.length} files)`);
  }
  return 0;
}

function check(root: string, deployments: RenderedDeployment[], all: boolean, db: string, io: CliIo): number {
  let stale = 0;
  for (const d of deployments) {
    const files = staleFiles(root, d);
    const command = all ? 'npm run deploy:render -- --all' : renderCommand(d.source, d.out, db);
    for (const file of files) io.err(`${file} is stale: run ${command}`);
    if (files.length === 0) io.out(`up to date: ${d.out}/ (${d.source})`);
    stale += files.length;
  }
  return stale === 0 ? 0 : 1;
}
