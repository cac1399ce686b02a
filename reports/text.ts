/**
 * Plain-text views of results that the JUnit and Markdown writers share: the
 * severity a failure counts at, whether it fails the run, and evidence summaries.
 */

import { severityOf } from './model.js';
import type { CheckResult, Evidence, HttpExchange, Severity } from './model.js';

/** Severities from the most to the least serious. @see docs/conformance.md "Verdicts" */
export const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'note'];

/** Bodies longer than this are cut in text views (report.json and report.html keep them whole). */
export const BODY_LIMIT = 2000;

/** The severity a failed result counts at: its own, else derived from level and `security`. */
export function severityOfResult(result: CheckResult): Severity {
  return result.severity ?? severityOf(result.level, result.security === true);
}

/**
 * Whether a result makes the run fail: a critical or error failure, or a warning
 * under `strict`. Matches `summarize()`'s exit code. @see docs/conformance.md "Verdicts"
 */
export function failsRun(result: CheckResult, strict: boolean): boolean {
  if (result.status !== 'failed') return false;
  const severity = severityOfResult(result);
  return severity === 'critical' || severity === 'error' || (strict && severity === 'warning');
}

/**
 * What to change when a run tested nothing: the reasons its checks were not applicable, the
 * most common first, and where to look for checks that apply.
 */
export function nothingTestedAdvice(results: readonly CheckResult[]): string {
  const reasons = new Map<string, number>();
  for (const result of results) {
    const reason = reasonOf(result).replace(/^Not applicable: /, '');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const top = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, count]) => `${reason} (${count} ${count === 1 ? 'check' : 'checks'})`);
  return (
    `Nothing was tested: every check was not applicable${top.length > 0 ? ` — ${top.join('; ')}` : ''}. ` +
    'Choose SPs and suites that apply to each other (`sso-harness list checks` shows what each check needs).'
  );
}

/** Why a result was skipped or not applicable: its reason, else its message. */
export function reasonOf(result: CheckResult): string {
  return result.reason ?? result.message;
}

// C0 controls other than tab and newline, and DEL: terminal escapes and NULs that no report should carry.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Removes control characters (keeping tab and newline), e.g. ANSI colour escapes from captured output. */
export function stripControlChars(text: string): string {
  return text.replace(CONTROL, '');
}

/** Cuts `text` to `limit` characters (never inside a surrogate pair) and says how much was left out. */
export function truncate(text: string, limit = BODY_LIMIT): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}\n… (${text.length - end} more characters)`;
}

/** One part of an evidence summary: a line of prose, or a body to show as code. */
export interface EvidencePart {
  kind: 'line' | 'body';
  text: string;
}

function exchangeParts(exchange: HttpExchange, limit: number): EvidencePart[] {
  const { request, response } = exchange;
  const parts: EvidencePart[] = [{ kind: 'line', text: `${request.method} ${request.url}` }];
  if (request.body) parts.push({ kind: 'body', text: truncate(request.body, limit) });
  if (response) {
    parts.push({ kind: 'line', text: `→ ${response.status} (${exchange.durationMs} ms)` });
    if (response.body) parts.push({ kind: 'body', text: truncate(response.body, limit) });
  } else {
    parts.push({ kind: 'line', text: `→ no response: ${exchange.error ?? 'unknown error'}` });
  }
  return parts;
}

function dataText(data: unknown): string {
  // `data` came through JSON-safe code paths, but a stray BigInt or cycle must not stop a report.
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}

/**
 * An evidence item as lines and bodies: the request line, the status and the
 * bodies (cut at `limit`) for HTTP; the posted XML and the SP's answer for SAML.
 * Headers are left out: they are in report.json, and text views get pasted around.
 */
export function evidenceParts(evidence: Evidence, limit = BODY_LIMIT): EvidencePart[] {
  switch (evidence.kind) {
    case 'http':
      return exchangeParts(evidence.exchange, limit);
    case 'saml': {
      const parts: EvidencePart[] = [
        { kind: 'line', text: 'SAML message' },
        { kind: 'body', text: truncate(evidence.xml, limit) },
      ];
      if (evidence.answer) parts.push(...exchangeParts(evidence.answer, limit));
      return parts;
    }
    case 'note':
      return [{ kind: 'line', text: evidence.text }];
    case 'data':
      return [{ kind: 'body', text: truncate(dataText(evidence.data), limit) }];
  }
}

/** A heading for an evidence item: its label, else its kind. */
export function evidenceTitle(evidence: Evidence, index: number): string {
  return `Evidence ${index + 1} (${evidence.kind})${evidence.label ? `: ${evidence.label}` : ''}`;
}

/** An evidence item as plain text, for the JUnit failure body. */
export function evidenceText(evidence: Evidence, index: number): string {
  const lines = [evidenceTitle(evidence, index)];
  for (const part of evidenceParts(evidence))
    lines.push(part.kind === 'body' ? indentBlock(part.text) : part.text);
  return lines.join('\n');
}

function indentBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
