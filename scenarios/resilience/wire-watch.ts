/**
 * What the resilience checks read off the SCIM wire while the initial sync runs, judged as the
 * exchanges pass (a sync of 10,000 users sends tens of thousands of requests, so nothing is kept
 * but counters, the Retry-After deadlines still open, and a few samples per finding).
 * @see IDP-IDM-12; RFC 9110 §10.2.3 (Retry-After); RFC 7644 §3.3 (409 uniqueness)
 */
import { createHash } from 'node:crypto';
import type { HttpExchange } from '#harness/evidence';
import { isJsonObject } from '#harness/scim';

/** How many samples each finding keeps for the report. */
const SAMPLES = 3;

/**
 * Slack on a Retry-After deadline, in ms: a wait measured on timers of the connector's own may end
 * a tick early; anything sooner is not waiting as asked.
 */
const RETRY_AFTER_SLACK_MS = 10;

/** A finding and the exchanges that show it. */
export interface Sample {
  what: string;
  exchanges: HttpExchange[];
}

/** Counters and samples from the wire. */
export class WireWatch {
  /** Requests seen. */
  requests = 0;
  /** Answers that were not the SP's: 429, 5xx, or a dropped connection. */
  disturbed = 0;
  /** 429 and 503 answers that asked for a wait (Retry-After). */
  waitsAsked = 0;
  /** Repeats sent before the wait their Retry-After asked for had passed. */
  readonly early: Sample[] = [];
  earlyCount = 0;
  /** Creates the SP refused as duplicates (409): the resource was there already. */
  readonly refusedDuplicates: Sample[] = [];
  refusedDuplicateCount = 0;
  /** The most attempts of any one request, and a sample of it. */
  mostAttempts = 0;
  mostAttempted: Sample | undefined;
  /** Requests sent more than `attemptBound` times. */
  overBound = 0;
  readonly #attempts = new Map<string, number>();
  /** Request key → when the SP said it may come back, and the answer that said so. */
  readonly #deadlines = new Map<string, { until: number; answer: HttpExchange }>();

  constructor(
    private readonly now: () => number,
    private readonly attemptBound: number,
  ) {}

  /** Requests with distinct method, URL and body. */
  get distinct(): number {
    return this.#attempts.size;
  }

  /** Retries: requests that repeat an earlier one. */
  get repeats(): number {
    return this.requests - this.#attempts.size;
  }

  see = (exchange: HttpExchange): void => {
    const at = this.now();
    const { request, response } = exchange;
    const key = createHash('sha1')
      .update(`${request.method} ${request.url}\n${request.body ?? ''}`)
      .digest('base64');
    this.requests++;
    const attempts = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempts);
    if (attempts > this.mostAttempts) {
      this.mostAttempts = attempts;
      this.mostAttempted = { what: `${request.method} ${path(request.url)}`, exchanges: [exchange] };
    }
    if (attempts === this.attemptBound + 1) this.overBound++;
    const deadline = this.#deadlines.get(key);
    if (deadline) {
      this.#deadlines.delete(key);
      if (at + RETRY_AFTER_SLACK_MS < deadline.until) {
        this.earlyCount++;
        if (this.early.length < SAMPLES)
          this.early.push({
            what: `${request.method} ${path(request.url)} came back ${Math.round(deadline.until - at)} ms before its Retry-After ran out`,
            exchanges: [deadline.answer, exchange],
          });
      }
    }
    const status = response?.status;
    if (status === undefined || status === 429 || status >= 500) this.disturbed++;
    const retryAfter = response?.headers['retry-after'];
    if ((status === 429 || status === 503) && retryAfter !== undefined && /^\d+$/.test(retryAfter)) {
      this.waitsAsked++;
      this.#deadlines.set(key, { until: at + Number(retryAfter) * 1000, answer: exchange });
    }
    if (request.method === 'POST' && status === 409) {
      this.refusedDuplicateCount++;
      if (this.refusedDuplicates.length < SAMPLES)
        this.refusedDuplicates.push({
          what: `POST ${path(request.url)} of ${nameIn(request.body)} was refused 409: the SP held it already`,
          exchanges: [exchange],
        });
    }
  };
}

function path(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The userName or displayName a create carried. */
function nameIn(body: string | undefined): string {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    if (isJsonObject(parsed)) return String(parsed.userName ?? parsed.displayName ?? '?');
  } catch {
    // not JSON: named as unknown
  }
  return '?';
}
