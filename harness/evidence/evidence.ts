/**
 * What a check saw, as reports show it: HTTP exchanges as sent and received (secrets masked by
 * the client that records them), SAML messages with the SP's answer, notes and data.
 */

/** One HTTP request and its response, as the harness sent and received them. */
export interface HttpExchange {
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  /** Absent when no response arrived (connection refused, timeout). */
  response?: {
    status: number;
    headers: Record<string, string>;
    body?: string;
  };
  /** Transport error text when no response arrived. */
  error?: string;
  /** Wall time of the exchange in milliseconds. */
  durationMs: number;
}

/** What a check saw: HTTP exchanges, a SAML message and the SP's answer, or a note. */
export type Evidence =
  | { kind: 'http'; label?: string; exchange: HttpExchange }
  | {
      kind: 'saml';
      label?: string;
      xml: string;
      /** The valid message an attack was made from: a report marks what the attack changed in it. */
      original?: string;
      answer?: HttpExchange;
    }
  | { kind: 'note'; label?: string; text: string }
  | { kind: 'data'; label?: string; data: unknown };
