#!/usr/bin/env node
/**
 * The `sso-harness` command. A whole run on the mock SPs starts from the run bundle: the same
 * modules as one file each for the run and for its other threads (scripts/bundle-run.ts), since
 * loading some 460 module files cost each thread 0.2–0.3 s of the default run's 3 s. Any other
 * command, and a run that loads the user's own modules (a connector, a config file), starts from
 * the module files, so that what those modules import from sso-harness is the same module.
 */
import { existsSync } from 'node:fs';
import { isWholeRun } from './prestart.js';

const BUNDLE = new URL('./run-bundle/cli.js', import.meta.url);
const bundled = isWholeRun(process.argv.slice(2)) && existsSync(BUNDLE);
await import(bundled ? BUNDLE.href : './cli.js');
