/**
 * The `sso-harness` command line: `run`, `merge`, `serve`, `load`, `idp-metadata`, `list`, `help`.
 */
import { ReportError } from '#reports';
import { TargetError } from '#scenarios';
import { listCommand } from './list.js';
import { idpMetadataCommand } from './idp-metadata.js';
import type { CliIo } from './io.js';
import { LOAD_USAGE, loadCommand } from './load-command.js';
import { MERGE_USAGE, mergeCommand } from './merge-command.js';
import { runCommand } from './run-command.js';
import { SERVE_USAGE, serveCommand } from './serve-command.js';
import { USAGE, UsageError, commandUsage as usageOf } from './usage.js';
import { toolVersion } from './version.js';

export type { CliIo } from './io.js';

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command !== undefined && commandUsage(command) !== undefined && rest.some(isHelp)) {
      io.stdout.write(`${commandUsage(command)}\n`);
      return 0;
    }
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'merge':
        return await mergeCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'load':
        return await loadCommand(rest, io);
      case 'idp-metadata':
        return await idpMetadataCommand(rest, io);
      case 'list':
        return listCommand(rest, io.stdout);
      case '--version':
      case '-v':
      case 'version':
        io.stdout.write(`sso-harness ${toolVersion()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return help(command, rest[0], io);
      default:
        throw new UsageError(`unknown command '${command}'; use ${COMMANDS}, or 'help'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReportError || error instanceof TargetError) {
      io.stderr.write(`sso-harness: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`sso-harness: ${error.message}; see 'sso-harness help'\n`);
      return 2;
    }
    io.stderr.write(
      `sso-harness: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
}

/** One command's usage: the sections usage.ts has, and those the commands keep beside them. */
const commandUsage = (command: string): string | undefined =>
  usageOf(command, { merge: MERGE_USAGE, serve: SERVE_USAGE, load: LOAD_USAGE });

const COMMANDS = "'run', 'merge', 'serve', 'load', 'idp-metadata', 'list'";

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

/** `help`, `help <command>`: the usage; no command at all is a usage error (exit 2) after the text. */
function help(command: string | undefined, topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const text = commandUsage(topic);
  if (text === undefined) throw new UsageError(`no help for '${topic}'; use ${COMMANDS}`);
  io.stdout.write(`${text}\n`);
  return 0;
}
