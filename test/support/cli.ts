/** Runs the CLI in-process, as the tests of its commands do, and captures what it writes. */
import { PassThrough } from 'node:stream';
import { main } from '../../harness/cli/main.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `sso-harness <argv>` in `cwd`, with `env` as its environment (colour: none unless asked). */
export async function runCli(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliOutcome> {
  const streams = [new PassThrough(), new PassThrough()] as const;
  const text = ['', ''];
  streams.forEach((stream, i) => stream.on('data', (chunk: Buffer) => (text[i] += chunk.toString())));
  const code = await main(argv, {
    stdout: streams[0] as unknown as NodeJS.WriteStream,
    stderr: streams[1] as unknown as NodeJS.WriteStream,
    cwd,
    env,
  });
  return { code, stdout: text[0]!, stderr: text[1]! };
}
