/**
 * Normalised wire transcripts: what reached a mock SP's SCIM endpoints, as stable text in which
 * everything that varies from run to run (ids the SP assigned, timestamps, versions, UUIDs,
 * credentials, time-derived suffixes) has a stable name, so that two runs of the same connector
 * give the same bytes and a connector change shows as exactly the lines it changed.
 * @see RFC 7644 §3 (SCIM protocol), RFC 7232 §2.3 (ETag), RFC 7231 §7.1.1.1 (IMF-fixdate)
 */

/** One request that reached the SP's SCIM endpoints, and its answer. */
export interface WireEntry {
  method: string;
  /** Path below the SCIM base URL, with the query string as sent. */
  path: string;
  /** Header names in lower case. */
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** Absent when the connection was dropped. */
  status?: number;
  responseHeaders: Record<string, string>;
  responseBody?: string;
  /** True when the SP (or injected chaos) dropped the connection without answering. */
  dropped?: boolean;
}

/** How a transcript is normalised. */
export interface NormaliseOptions {
  /** The moment time-derived suffixes are judged against, in ms since the epoch. @default Date.now() */
  around?: number;
  /** Literal secrets (the connector's token, passwords it was given), masked wherever they occur. @default [] */
  secrets?: readonly string[];
  /** The SCIM base URL the SP answered at; also learnt from `Location` and `meta.location`. @default none */
  baseUrl?: string;
}

/** A time-derived suffix counts when its epoch lies this close to `around`. */
const TIME_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * What every time-derived value becomes, unnumbered: whether two of them fall in the same
 * millisecond is luck, so numbering them by value would make two runs of the same connector differ.
 */
const TIME = '{time}';
/** Ids shorter than this are named only where they stand alone (a path segment, a quoted value, a whole string). */
const SHORT_ID = 8;
/** Headers that change what an SP does or what a connector does next, in the order they are shown. */
const REQUEST_HEADERS = ['content-type', 'accept', 'authorization', 'if-match', 'if-none-match'];
const RESPONSE_HEADERS = ['content-type', 'location', 'etag', 'retry-after'];
const VERSION_HEADERS = new Set(['etag', 'if-match', 'if-none-match']);
const SECRET_KEYS = new Set(['password', 'token', 'access_token', 'refresh_token', 'client_secret']);
/** Characters whose escaped and bare forms mean different things in a query: they stay escaped. */
const KEEP_ESCAPED = new Set(['%', '&', '=', '+', '#', '?', '/']);

const ISO_DATE_TIME = String.raw`(?<!\d)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?!\d)`;
const HTTP_DATE = String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT`;
const UUID = String.raw`(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])`;

/**
 * The normalised transcript of `entries`: one block per exchange, the same bytes for the same input.
 * @see RFC 7644 §3
 */
export function normaliseTranscript(entries: readonly WireEntry[], options: NormaliseOptions = {}): string {
  const around = options.around ?? Date.now();
  if (!Number.isFinite(around)) {
    throw new TypeError(`normaliseTranscript: options.around must be ms since the epoch; got ${around}.`);
  }
  const ids = learnIds(entries);
  const bases = learnBaseUrls(entries, ids, options.baseUrl);
  const namer = new Namer(ids, bases, options.secrets ?? [], around);
  if (entries.length === 0) return '(no exchanges)\n';
  return entries.map((entry, index) => renderEntry(entry, index + 1, namer)).join('\n');
}

function renderEntry(entry: WireEntry, number: number, namer: Namer): string {
  const lines = [`### ${number}`, `${entry.method} ${namer.text(readablePath(entry.path))}`];
  lines.push(...renderHeaders(entry.requestHeaders, REQUEST_HEADERS, namer));
  lines.push(...renderBody(entry.requestBody, namer));
  if (isDropped(entry)) {
    lines.push('--> (connection dropped)');
  } else {
    lines.push(`--> ${entry.status}`);
    lines.push(...renderHeaders(entry.responseHeaders, RESPONSE_HEADERS, namer));
    lines.push(...renderBody(entry.responseBody, namer));
  }
  return lines.join('\n') + '\n';
}

function isDropped(entry: WireEntry): boolean {
  return entry.dropped === true || entry.status === undefined;
}

function renderHeaders(headers: Record<string, string>, shown: readonly string[], namer: Namer): string[] {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return shown.flatMap((name) => {
    const value = lower.get(name);
    if (value === undefined) return [];
    if (name === 'authorization') return [`${name}: ${maskAuthorization(value)}`];
    return [`${name}: ${VERSION_HEADERS.has(name) ? nameEntityTags(value, namer) : namer.text(value)}`];
  });
}

/** Each entity tag of an ETag, If-Match or If-None-Match value, weak or strong, by its version's name. @see RFC 7232 §2.3 */
function nameEntityTags(value: string, namer: Namer): string {
  return value.replace(
    /(W\/)?"([^"]*)"/g,
    (_, weak: string | undefined, tag: string) => `${weak ?? ''}"${namer.name('version', tag)}"`,
  );
}

/** The scheme as sent, the credentials never. @see RFC 7235 §2.1, RFC 6750 §2.1 */
function maskAuthorization(value: string): string {
  const scheme = /^(\S+)\s+\S/.exec(value.trim())?.[1];
  if (scheme === undefined) return '{credentials}';
  return `${scheme} ${scheme.toLowerCase() === 'bearer' ? '{token}' : '{credentials}'}`;
}

function renderBody(body: string | undefined, namer: Namer): string[] {
  if (body === undefined || body.trim() === '') return [];
  const json = parseJson(body);
  if (json !== undefined && typeof json === 'object' && json !== null) return [pretty(json, namer, '')];
  const masked = body.replace(
    /(^|&)(password|token|access_token|refresh_token|client_secret)=[^&]*/gi,
    (_, lead: string, key: string) => `${lead}${key}={secret}`,
  );
  return [namer.text(masked.replace(/\r?\n$/, ''))];
}

/** JSON.stringify's 2-space layout, keys in the order sent, every string and number through the namer. */
function pretty(value: unknown, namer: Namer, indent: string): string {
  if (typeof value === 'string') return JSON.stringify(namer.text(value));
  if (typeof value === 'number') return namer.number(value);
  if (typeof value !== 'object' || value === null) return String(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + pretty(item, namer, inner)).join(',\n')}\n${indent}]`;
  }
  const members = Object.entries(value);
  if (members.length === 0) return '{}';
  const secretOp = isSecretPatchOp(value);
  const lines = members.map(([key, item]) => {
    const masked =
      (SECRET_KEYS.has(key.toLowerCase()) || (secretOp && key.toLowerCase() === 'value')) && hasSecret(item);
    return `${inner}${JSON.stringify(namer.text(key))}: ${masked ? '"{secret}"' : pretty(item, namer, inner)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function hasSecret(value: unknown): boolean {
  return value !== null && value !== '';
}

/** A PATCH operation that sets a secret attribute (`"path": "password"`) carries it in `value`. @see RFC 7644 §3.5.2 */
function isSecretPatchOp(object: object): boolean {
  const { op, path } = object as { op?: unknown; path?: unknown };
  if (typeof op !== 'string' || typeof path !== 'string') return false;
  const attribute = path.split(':').at(-1)!.split('.').at(-1)!;
  return SECRET_KEYS.has(attribute.toLowerCase());
}

/** Percent-escapes of characters that mean the same bare or escaped, shown bare: `filter=userName eq "x"`. */
function readablePath(path: string): string {
  return path.replace(/%[0-7][0-9A-Fa-f]|(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (escaped) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(escaped);
    } catch {
      return escaped;
    }
    const code = decoded.charCodeAt(0);
    return KEEP_ESCAPED.has(decoded) || code < 0x20 || code === 0x7f ? escaped : decoded;
  });
}

function parseJson(text: string | undefined): unknown {
  const trimmed = text?.trim() ?? '';
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids the SP assigned, each with the kind it is named by (`user`, `group`, `id`). */
function learnIds(entries: readonly WireEntry[]): Map<string, string> {
  const ids = new Map<string, string>();
  const learn = (id: string, kind: string | undefined): void => {
    if (id === '') return;
    if (!ids.has(id) || (ids.get(id) === 'id' && kind !== undefined)) ids.set(id, kind ?? 'id');
  };
  const learnResource = (resource: unknown, fallback: string | undefined): void => {
    if (!isObject(resource) || typeof resource.id !== 'string') return;
    const meta = isObject(resource.meta) ? resource.meta : {};
    learn(resource.id, kindOfResourceType(meta.resourceType) ?? fallback);
  };
  for (const entry of entries) {
    if (isDropped(entry)) continue;
    const endpointKind = kindOfEndpoint(entry.path.replace(/^\/+/, '').split(/[/?#]/)[0]);
    const body = parseJson(entry.responseBody);
    if (isObject(body)) {
      learnResource(body, endpointKind);
      if (Array.isArray(body.Resources)) body.Resources.forEach((item) => learnResource(item, endpointKind));
    }
    const location = headerValue(entry.responseHeaders, 'location');
    const ref = location === undefined ? undefined : resourceRef(location);
    if (ref !== undefined && entry.status! >= 200 && entry.status! < 300)
      learn(ref.id, kindOfEndpoint(ref.endpoint));
  }
  return ids;
}

/** The absolute base URLs seen before `/<Endpoint>/<id>` in Location headers and meta.location, then `baseUrl`. */
function learnBaseUrls(
  entries: readonly WireEntry[],
  ids: Map<string, string>,
  baseUrl: string | undefined,
): string[] {
  const bases = new Set<string>();
  const learn = (url: unknown): void => {
    if (typeof url !== 'string') return;
    const ref = resourceRef(url);
    if (ref !== undefined && ids.has(ref.id) && /^https?:\/\/[^/]/i.test(ref.base)) bases.add(ref.base);
  };
  for (const entry of entries) {
    if (isDropped(entry)) continue;
    learn(headerValue(entry.responseHeaders, 'location'));
    const body = parseJson(entry.responseBody);
    const resources = isObject(body) ? [body, ...(Array.isArray(body.Resources) ? body.Resources : [])] : [];
    for (const resource of resources)
      if (isObject(resource) && isObject(resource.meta)) learn(resource.meta.location);
  }
  if (baseUrl !== undefined && baseUrl !== '') bases.add(baseUrl.replace(/\/+$/, ''));
  return [...bases];
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function resourceRef(url: string): { base: string; endpoint: string; id: string } | undefined {
  const match = /^(.*)\/([^/?#]+)\/([^/?#]+)\/?$/.exec(url.trim());
  if (match === null) return undefined;
  try {
    return { base: match[1]!, endpoint: match[2]!, id: decodeURIComponent(match[3]!) };
  } catch {
    return undefined;
  }
}

function kindOfEndpoint(segment: string | undefined): string | undefined {
  const lower = segment?.toLowerCase();
  return lower === 'users' ? 'user' : lower === 'groups' ? 'group' : undefined;
}

/** `User` → `user`, `EnterpriseRole` → `enterprise-role`. @see RFC 7643 §3.1 (meta.resourceType) */
function kindOfResourceType(resourceType: unknown): string | undefined {
  if (typeof resourceType !== 'string') return undefined;
  const kebab = resourceType
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return kebab === '' ? undefined : kebab;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

const longestFirst = (a: string, b: string): number => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gives each varying value its stable name, numbered by first appearance in the order the
 * transcript is rendered. One pattern finds every kind, so the leftmost match wins and, where two
 * kinds start at the same place, the earlier in the pattern does: secrets, base URLs, ids,
 * versions, then the rest.
 */
class Namer {
  private readonly names = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly pattern: RegExp;

  constructor(
    private readonly ids: ReadonlyMap<string, string>,
    bases: readonly string[],
    secrets: readonly string[],
    private readonly around: number,
  ) {
    const alternatives = (list: Iterable<string>): string =>
      [...list].sort(longestFirst).map(escapeRegExp).join('|');
    const all = [...ids.keys()];
    const long = all.filter((id) => id.length >= SHORT_ID);
    const short = all.filter((id) => id.length < SHORT_ID);
    const parts = [
      secrets.some((secret) => secret !== '') &&
        `(?<secret>${alternatives(secrets.filter((s) => s !== ''))})`,
      bases.length > 0 && `(?<base>${alternatives(bases)})`,
      long.length > 0 && `(?<![A-Za-z0-9_-])(?<id>${alternatives(long)})(?![A-Za-z0-9_-])`,
      short.length > 0 && `(?<![^/"])(?<shortId>${alternatives(short)})(?![^/"?&#])`,
      String.raw`W\/"(?<version>[^"]*)"`,
      `(?<timestamp>${ISO_DATE_TIME})`,
      `(?<httpDate>${HTTP_DATE})`,
      `(?<uuid>${UUID})`,
      String.raw`(?<!\d)(?<epoch>\d{13}|\d{10})(?!\d)`,
      // Upper case too: a check that tests case-insensitive matching sends the suffix upper-cased.
      String.raw`(?<![A-Za-z0-9])(?<base36>[a-z0-9]{8,9}|[A-Z0-9]{8,9})(?![A-Za-z0-9])`,
    ];
    this.pattern = new RegExp(parts.filter((part) => part !== false).join('|'), 'g');
  }

  /** The stable name of `value` among its `kind`: `{user-1}`, `{version-2}`. */
  name(kind: string, value: string): string {
    const key = `${kind}\u0000${value}`;
    let name = this.names.get(key);
    if (name === undefined) {
      const count = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, count);
      name = `{${kind}-${count}}`;
      this.names.set(key, name);
    }
    return name;
  }

  /** `text` with every varying value replaced by its name. */
  text(text: string): string {
    return text.replace(this.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.at(-1) as Record<string, string | undefined>;
      if (groups.secret !== undefined) return '{secret}';
      if (groups.base !== undefined) return '{base-url}';
      const id = groups.id ?? groups.shortId;
      if (id !== undefined) return this.name(this.ids.get(id)!, id);
      if (groups.version !== undefined) return `W/"${this.name('version', groups.version)}"`;
      if (groups.timestamp !== undefined) return '{timestamp}';
      if (groups.httpDate !== undefined) return '{http-date}';
      if (groups.uuid !== undefined) return this.name('uuid', groups.uuid.toLowerCase());
      if (groups.epoch !== undefined) {
        const ms = Number(groups.epoch) * (groups.epoch.length === 10 ? 1000 : 1);
        return this.isNear(ms) ? TIME : match;
      }
      return this.isNear(parseInt(match, 36)) ? TIME : match;
    });
  }

  /** A JSON number: an epoch near `around` is named like the same digits in a string. */
  number(value: number): string {
    const digits = JSON.stringify(value);
    return /^(\d{10}|\d{13})$/.test(digits) ? this.text(digits) : digits;
  }

  private isNear(ms: number): boolean {
    return Math.abs(ms - this.around) <= TIME_WINDOW_MS;
  }
}
