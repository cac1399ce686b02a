/**
 * The bench's servers, each in its own node process (`bench/server.ts <kind>`), and the SAML
 * figures' process: started, read, and killed with the bench whatever way it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerKind, ServerReady } from './fixtures.js';
import type { SamlFigures } from './saml.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Set to a directory to write V8 CPU profiles of each child under `<dir>/<kind>/` (`<dir>/saml/` for SAML). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

/** Kills every child still running: the bench is over, however it ended. */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

export interface RunningServer {
  ready: ServerReady;
  stop(): Promise<void>;
}

function profileFlags(kind: string): string[] {
  return CPU_PROF_DIR
    ? // No --cpu-prof-name: tsx's loader thread writes a profile too and would overwrite the main one.
      ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROF_DIR, kind)}`]
    : [];
}

/** Spawns `bench/server.ts <kind>` in its own node process and waits for its ready line. */
export async function startServer(kind: ServerKind): Promise<RunningServer> {
  const child = spawn(process.execPath, [...profileFlags(kind), '--import', 'tsx', 'bench/server.ts', kind], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server '${kind}' not ready after 60 s`)), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ServerReady);
      } catch {
        reject(new Error(`bench server '${kind}' printed '${line}' instead of its JSON ready line`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `bench server '${kind}' exited (${code ?? signal}) before it was ready; see its stderr above`,
        ),
      );
    });
    child.once('error', reject);
  });
  lines.on('line', (line) => console.error(`[${kind}] ${line}`));
  return {
    ready,
    async stop() {
      if (hasExited(child)) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `bench/saml.ts` in its own node process (nothing else running) and reads its one JSON line. */
export async function measureSaml(): Promise<SamlFigures> {
  const child = spawn(process.execPath, [...profileFlags('saml'), '--import', 'tsx', 'bench/saml.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  const line = output.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`bench/saml.ts exited (${code ?? signal}); see its stderr above`);
  try {
    return JSON.parse(line) as SamlFigures;
  } catch {
    throw new Error(`bench/saml.ts printed '${line}' instead of its JSON line`);
  }
}
