/**
 * The command line, as bin.ts starts it: from the module files, or from the run bundle
 * (scripts/bundle-run.ts), which holds this same module.
 */
import { prestartRun, tuneForRun } from './prestart.js';

tuneForRun(process.argv.slice(2));
// Before the command line's modules load: a run's other threads load theirs meanwhile.
prestartRun(process.argv.slice(2), process.cwd());
const { main } = await import('./main.js');

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
// A stopped run may leave a check behind, waiting on a server that stopped answering: once
// everything is written, it does not keep the process alive. The timer itself does not either.
setTimeout(() => process.exit(code), 2_000).unref();
