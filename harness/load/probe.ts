/**
 * What a correctness probe under concurrency found, and the helpers the probes share: sending
 * requests at once, and counting the answers.
 */
import { ScimTransportError, type ScimResponse } from '#harness/scim';
import type { Answer, Reply } from './synced-burst.js';

/** A probe's verdict: `failed` is a correctness problem (exit 1); the others are not. */
export type ProbeVerdict = 'passed' | 'failed' | 'inconclusive' | 'not-applicable';

/** What one probe found. */
export interface ProbeResult {
  id: 'duplicate-create' | 'lost-member';
  title: string;
  /** The requirement ID it holds the server to (`sso-harness list requirements <ID>`). */
  requirement: string;
  verdict: ProbeVerdict;
  /** One line: what was sent and what was found. */
  summary: string;
  /** The problems found (a failed verdict has at least one), and notices that are not problems. */
  findings: string[];
  notices: string[];
}

export type { Answer, Reply };

export const answered = (answer: Answer): answer is Reply => !('error' in answer);

/** Sends every request of `requests` at once (each started before any is answered), never rejecting. */
export function burst(requests: readonly (() => Promise<ScimResponse>)[]): Promise<Answer[]> {
  return Promise.all(
    requests.map((send) =>
      send().catch((error: unknown) => ({
        error: error instanceof ScimTransportError ? error.message : String(error),
      })),
    ),
  );
}

/** Answers by status (`no answer` for a request that got none): `201 ×1, 409 ×49`. */
export function statusesInWords(answers: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) {
    const key = answered(answer) ? String(answer.status) : 'no answer';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}

/** The first transport failure among `answers`, if any. */
export function firstFailure(answers: readonly Answer[]): string | undefined {
  for (const answer of answers) if (!answered(answer)) return answer.error;
  return undefined;
}

export const is2xx = (answer: Answer): answer is Reply =>
  answered(answer) && answer.status >= 200 && answer.status < 300;
