/** What a command writes to and resolves paths against. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  /** The environment (colour: NO_COLOR, FORCE_COLOR). @default process.env */
  env?: NodeJS.ProcessEnv;
}
