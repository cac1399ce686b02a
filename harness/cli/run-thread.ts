/**
 * One of a run's other threads (run-threads.ts): plans the run from the same arguments, then,
 * given the shared job counter, runs the jobs it takes and posts each result back. It writes
 * nothing: no report, no progress line.
 */
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { runClaimedJobs } from '#harness/runner';
import {
  keepKeyPairsIn,
  keyCacheDir,
  keyCacheIn,
  takeSharedKeyPairsFrom,
  type KeyPairPem,
} from '#harness/saml';
import { homedir } from 'node:os';
import { planRun, runOptionsOf, type RunPlan } from './run-plan.js';
import { fingerprintOf, type MainMessage, type ThreadMessage } from './run-threads.js';

const { args, cwd } = workerData as { args: string[]; cwd: string };
const port = parentPort!;
const post = (message: ThreadMessage): void => port.postMessage(message);
const sink = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;

// The run's keys are made once, by its first thread: this one asks for each by name.
const keyRequests = new Map<number, { resolve: (pem: KeyPairPem) => void; reject: (error: Error) => void }>();
let keyRequestId = 0;
takeSharedKeyPairsFrom(
  (name, options) =>
    new Promise((resolve, reject) => {
      const id = ++keyRequestId;
      keyRequests.set(id, { resolve, reject });
      post({ type: 'key', id, name, options });
    }),
);

// Certificates made from the run's keys (a look-alike of the IdP's) come from the key cache too.
const keyDir = keyCacheDir(process.env, homedir());
if (keyDir !== undefined) keepKeyPairsIn(keyCacheIn(keyDir));

const planned = planRun(args, { stdout: sink, stderr: sink, cwd }, 'thread');

port.on('message', (message: MainMessage) => {
  if (message.type === 'key') {
    const waiting = keyRequests.get(message.id);
    keyRequests.delete(message.id);
    if (message.pem) waiting?.resolve(message.pem);
    else waiting?.reject(new Error(message.error ?? 'the run could not make the key'));
    return;
  }
  if (message.type === 'stop') {
    void planned.then(
      (plan) => plan.stop.abort(new Error(message.reason)),
      () => undefined,
    );
    return;
  }
  void (async () => {
    let plan: RunPlan;
    try {
      plan = await planned;
    } catch (error) {
      post({ type: 'refused', reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (fingerprintOf(plan) !== message.fingerprint) {
      post({ type: 'refused', reason: 'this thread planned other checks than the run' });
      return;
    }
    const counter = new Int32Array(message.counter);
    post({ type: 'ready' });
    await runClaimedJobs(
      runOptionsOf(plan),
      () => Atomics.add(counter, 0, 1),
      (index, result) => post({ type: 'result', index, result }),
    );
    post({ type: 'done' });
  })().catch((error: unknown) =>
    post({ type: 'refused', reason: error instanceof Error ? error.message : String(error) }),
  );
});
