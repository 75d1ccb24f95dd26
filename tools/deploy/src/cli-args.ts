import { DATABASES, type DatabaseKind } from './deploy-plan';

export interface CliArgs {
  /** One topology file, or every shipped one (--all). */
  topology?: string;
  out?: string;
  all: boolean;
  check: boolean;
  db: DatabaseKind;
}

/** A bad command line; its message is the one line the CLI prints. */
export class UsageError extends Error {}

export const USAGE = 'usage: npm run deploy:render -- (--topology topology/<x>.yaml [--out deploy/<x>] | --all) [--check] [--db sqlite|postgres]';

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { all: false, check: false, db: 'sqlite' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value. ${USAGE}`);
      return next;
    };
    if (flag === '--topology') args.topology = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--all') args.all = true;
    else if (flag === '--check') args.check = true;
    else if (flag === '--db') {
      const db = value();
      if (!DATABASES.includes(db as DatabaseKind)) throw new UsageError(`--db must be one of ${DATABASES.join(', ')}, not "${db}"`);
      args.db = db as DatabaseKind;
    } else throw new UsageError(`unknown argument "${flag}". ${USAGE}`);
  }
  if (args.all === (args.topology !== undefined)) throw new UsageError(`give either --topology or --all. ${USAGE}`);
  if (args.all && args.out !== undefined) throw new UsageError(`--out goes with --topology: --all writes deploy/<topology name>/. ${USAGE}`);
  return args;
}
