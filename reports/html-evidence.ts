/**
 * Evidence as report.html shows it, prepared in Node when the report is written: XML indented,
 * JSON laid out, SAML messages found in exchanges and decoded (with the value as it travelled
 * kept behind a toggle), Directory Insights events as a timeline, and secrets masked. The page
 * only lays out what this returns.
 */
import type { Evidence, HttpExchange } from './model.js';
import { diffLines } from 'diff';
import { maskBody, maskHeaders, maskUrl } from '#harness/evidence';

/** Headers as `name: value` lines, credentials masked (they are at recording too; a report file may be older). */
const headerLines = (headers: Record<string, string>): string =>
  Object.entries(maskHeaders(headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
import { decodeSamlValue, isFormBody, samlMessagesOf, type FoundSaml } from './html-saml.js';
import { prettyXml } from './html-xml.js';
import { evidenceTitle } from './text.js';

/** One piece of an evidence item on the page. */
export type EvidenceBlock =
  /** A line of prose: the request line, the status, a note. */
  | { kind: 'line'; text: string }
  /** Code to read (headers, a body); `raw` is the text as it travelled, when the page shows it laid out. */
  | { kind: 'code'; label: string; text: string; raw?: string }
  /** A decoded SAML message: `xml` indented, `raw` the value as it travelled. */
  | {
      kind: 'saml';
      label: string;
      xml: string;
      raw: string;
      /** The lines of `xml` (from 0) an attack changed or added to the valid message it started from. */
      changed?: number[];
    }
  /** Directory Insights events, oldest first. */
  | { kind: 'timeline'; label: string; events: TimelineEvent[] };

/** An evidence item: its heading and blocks. */
export interface EvidenceView {
  title: string;
  blocks: EvidenceBlock[];
}

/** A Directory Insights event on the timeline. @see IDP-IDM-10 */
export interface TimelineEvent {
  timestamp: string;
  /** Milliseconds after the first event shown. */
  offsetMs: number;
  type: string;
  outcome: string;
  /** `user alice@example.com`, `group Sales`. */
  resource?: string;
  detail: string;
}

/** A SAML value longer than this is cut in the lines that mention it; the decoded block has it whole. */
const SHOWN_VALUE = 48;

const header = (headers: Record<string, string>, name: string): string | undefined =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** `text` with every SAML parameter value cut short (the decoded block below shows the message). */
function shortenSaml(text: string): string {
  return text.replace(/(SAML(?:Request|Response)=)([^&#\s"]+)/g, (all, name: string, value: string) =>
    value.length <= SHOWN_VALUE
      ? all
      : `${name}${value.slice(0, SHOWN_VALUE)}… (${value.length} characters, decoded below)`,
  );
}

function jsonLayout(body: string): string | undefined {
  const start = body.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return undefined;
  }
}

const isHtml = (body: string): boolean => /^\s*(<!doctype html|<html[\s>])/i.test(body);

/** A body as code: SAML decoded by whoever recorded it, XML indented, JSON laid out, else as is. */
function bodyBlock(label: string, body: string, form: boolean): EvidenceBlock {
  const text = maskBody(body, form);
  // The harness records the messages it posts as `SAMLResponse (decoded):` and the XML.
  const decoded = /^(SAML(?:Request|Response)) \(decoded\):\n/.exec(text);
  if (decoded) {
    const xml = text.slice(decoded[0].length);
    return { kind: 'saml', label: `${label}: ${decoded[1]} (decoded)`, xml: prettyXml(xml) ?? xml, raw: xml };
  }
  if (form) {
    const short = shortenSaml(text);
    return { kind: 'code', label: `${label} (form)`, text: short, ...(short === text ? {} : { raw: text }) };
  }
  const laidOut = isHtml(text) ? undefined : (prettyXml(text) ?? jsonLayout(text));
  if (laidOut === undefined || laidOut === text) return { kind: 'code', label, text };
  return { kind: 'code', label, text: laidOut, raw: text };
}

function samlBlock(found: FoundSaml): EvidenceBlock {
  const decoded = decodeSamlValue(found.value, found.binding);
  const label = `${found.parameter} (${found.binding}, ${found.where})`;
  if ('error' in decoded) return { kind: 'code', label: `${label}: ${decoded.error}`, text: found.value };
  return {
    kind: 'saml',
    label: `${label}, decoded${decoded.note ? ` — ${decoded.note}` : ''}`,
    xml: prettyXml(decoded.xml) ?? decoded.xml,
    raw: found.value,
  };
}

/** An HTTP exchange: request line, headers and body; status, headers and body; each SAML message decoded. */
export function exchangeBlocks(exchange: HttpExchange): EvidenceBlock[] {
  const { request, response } = exchange;
  const messages = samlMessagesOf(exchange);
  const sent = messages.filter((found) => found.where.startsWith('request'));
  const answered = messages.filter((found) => !found.where.startsWith('request'));
  const blocks: EvidenceBlock[] = [
    {
      kind: 'line',
      text: `${request.method} ${shortenSaml(maskUrl(request.url))} (${exchange.durationMs} ms)`,
    },
  ];
  if (Object.keys(request.headers).length > 0)
    blocks.push({ kind: 'code', label: 'Request headers', text: headerLines(request.headers) });
  if (request.body !== undefined && request.body !== '') {
    const form = isFormBody(request.body, header(request.headers, 'content-type'));
    blocks.push(bodyBlock('Request body', request.body, form));
  }
  blocks.push(...sent.map(samlBlock));
  if (response) {
    blocks.push({ kind: 'line', text: `→ ${response.status}` });
    if (Object.keys(response.headers).length > 0)
      blocks.push({
        kind: 'code',
        label: 'Response headers',
        text: shortenSaml(headerLines(response.headers)),
      });
  } else {
    blocks.push({
      kind: 'line',
      text: exchange.error ? `→ no response: ${exchange.error}` : '→ no response recorded',
    });
  }
  blocks.push(...answered.map(samlBlock));
  if (response?.body !== undefined && response.body !== '')
    blocks.push(bodyBlock('Response body', response.body, false));
  return blocks;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Directory Insights events as the reference IdP logs them: event_type, timestamp, outcome, detail. */
function isInsightsEvent(value: unknown): value is Record<string, unknown> & {
  event_type: string;
  timestamp: string;
  outcome: string;
} {
  return (
    isRecord(value) &&
    typeof value.event_type === 'string' &&
    typeof value.timestamp === 'string' &&
    typeof value.outcome === 'string'
  );
}

/** The timeline of `data` when it is a list of Directory Insights events, else undefined. @see IDP-IDM-10 */
export function insightsTimeline(data: unknown): TimelineEvent[] | undefined {
  if (!Array.isArray(data) || data.length === 0 || !data.every(isInsightsEvent)) return undefined;
  const events = [...data].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const first = Date.parse(events[0]!.timestamp);
  return events.map((event) => {
    const resource = isRecord(event.resource) ? event.resource : undefined;
    return {
      timestamp: event.timestamp,
      offsetMs: Number.isNaN(first) ? 0 : Date.parse(event.timestamp) - first,
      type: event.event_type,
      outcome: event.outcome,
      ...(resource ? { resource: `${String(resource.type)} ${String(resource.name ?? resource.id)}` } : {}),
      detail: typeof event.detail === 'string' ? event.detail : '',
    };
  });
}

function dataText(data: unknown): string {
  // `data` came through JSON-safe code paths, but a stray BigInt or cycle must not stop a report.
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}

/** One evidence item as the page shows it. */
export function evidenceView(evidence: Evidence, index: number): EvidenceView {
  const title = evidenceTitle(evidence, index);
  switch (evidence.kind) {
    case 'http':
      return { title, blocks: exchangeBlocks(evidence.exchange) };
    case 'saml': {
      const xml = maskBody(evidence.xml, false);
      const pretty = prettyXml(xml) ?? xml;
      const changed =
        evidence.original === undefined
          ? undefined
          : changedLines(maskBody(evidence.original, false), pretty);
      const message: EvidenceBlock = {
        kind: 'saml',
        label:
          changed === undefined
            ? 'SAML message sent'
            : 'SAML message sent (marked: what the attack changed in the valid message it started from)',
        xml: pretty,
        raw: xml,
        ...(changed === undefined ? {} : { changed }),
      };
      return { title, blocks: [message, ...(evidence.answer ? exchangeBlocks(evidence.answer) : [])] };
    }
    case 'note':
      return { title, blocks: [{ kind: 'line', text: evidence.text }] };
    case 'data': {
      const events = insightsTimeline(evidence.data);
      if (events)
        return { title, blocks: [{ kind: 'timeline', label: 'Directory Insights events', events }] };
      return {
        title,
        blocks: [{ kind: 'code', label: 'Data', text: maskBody(dataText(evidence.data), false) }],
      };
    }
  }
}

/**
 * The lines of `pretty` (an indented attack message) that are not in the valid message it was
 * made from, both indented alike: a line diff (jsdiff's) of the two, so what the attack forged,
 * moved or re-signed is what stands out.
 */
function changedLines(original: string, pretty: string): number[] {
  const changed: number[] = [];
  let line = 0;
  for (const part of diffLines(prettyXml(original) ?? original, pretty)) {
    const count = part.count ?? part.value.split('\n').length - (part.value.endsWith('\n') ? 1 : 0);
    if (part.removed) continue;
    if (part.added) for (let i = 0; i < count; i++) changed.push(line + i);
    line += count;
  }
  return changed;
}
