/**
 * The IdP's login sessions: an anonymous session carries a CSRF token and the
 * AuthnRequests waiting for a login; signing in rotates the session id (no fixation)
 * and binds a directory user.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ParsedAuthnRequest } from '#harness/saml';
import type { RegisteredAcs } from '../sso-settings.js';

/** An AuthnRequest accepted (all checks passed) and waiting for the user to sign in. */
export interface PendingAuthnRequest {
  slug: string;
  request: ParsedAuthnRequest;
  acs: RegisteredAcs;
  relayState: string | undefined;
  receivedAt: number;
}

/** An application the session signed its user in to, as the assertion named them (Core §3.7.3.2). */
export interface Participant {
  nameId: { value: string; format: string };
  sessionIndex: string;
}

/** A Single Logout under way across the session's participants (Profiles §4.4.3.2–4.4.3.4). */
export interface LogoutRun {
  /** Slugs still to be sent a LogoutRequest. */
  queue: string[];
  /** The LogoutRequest sent and not yet answered. */
  current?: { slug: string; requestId: string };
  /** The application whose LogoutRequest started it (SP-initiated), answered last. */
  initiator?: { slug: string; requestId: string; relayState?: string };
  /** Participants that did not confirm the logout. */
  failed: string[];
}

/** One browser's session with the IdP: anonymous until signed in. */
export interface Session {
  readonly id: string;
  /** The token every POST form of this session carries. */
  readonly csrf: string;
  /** Set once signed in. */
  readonly userId: string | undefined;
  /** The AuthnStatement SessionIndex of this login session. */
  readonly sessionIndex: string;
  readonly createdAt: number;
  readonly pending: Map<string, PendingAuthnRequest>;
  /** Applications signed in to in this session, by slug. */
  readonly participants: Map<string, Participant>;
  /** The Single Logout under way, if any. */
  logout?: LogoutRun;
}

/** Bounds of the session store. */
export interface SessionStoreOptions {
  /** @default 8 hours */
  ttlSeconds?: number;
  /** Oldest signed-in sessions are dropped beyond this. @default 10_000 */
  maxSessions?: number;
  /**
   * Oldest anonymous sessions (a login started, nobody signed in yet) are dropped beyond this;
   * they never push out a signed-in one. @default 10_000
   */
  maxAnonymous?: number;
  /** Oldest pending requests of a session are dropped beyond this. @default 16 */
  maxPending?: number;
  /** @default 600 */
  pendingTtlSeconds?: number;
}

const token = (): string => randomBytes(32).toString('base64url');

/**
 * In-memory sessions, bounded in number and age; ids and CSRF tokens are 256-bit random.
 * Anonymous sessions and signed-in ones are kept apart, each bounded on its own: anyone can start
 * logins by the thousand, and that must not sign anybody out (decision 0036).
 */
export class SessionStore {
  readonly #anonymous = new Map<string, Session>();
  readonly #signedIn = new Map<string, Session>();
  readonly #now: () => Date;
  readonly #ttl: number;
  readonly #max: number;
  readonly #maxAnonymous: number;
  readonly #maxPending: number;
  readonly #pendingTtl: number;
  readonly #newSessionIndex: () => string;

  constructor(now: () => Date, newSessionIndex: () => string, options: SessionStoreOptions = {}) {
    this.#now = now;
    this.#newSessionIndex = newSessionIndex;
    this.#ttl = (options.ttlSeconds ?? 8 * 3600) * 1000;
    this.#max = options.maxSessions ?? 10_000;
    this.#maxAnonymous = options.maxAnonymous ?? 10_000;
    this.#maxPending = options.maxPending ?? 16;
    this.#pendingTtl = (options.pendingTtlSeconds ?? 600) * 1000;
  }

  /** The live session with this id, if any. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#signedIn.get(id) ?? this.#anonymous.get(id);
    if (!session) return undefined;
    if (this.#now().getTime() - session.createdAt >= this.#ttl) {
      this.delete(session);
      return undefined;
    }
    return session;
  }

  create(): Session {
    return this.#store({
      id: token(),
      csrf: token(),
      userId: undefined,
      sessionIndex: this.#newSessionIndex(),
      createdAt: this.#now().getTime(),
      pending: new Map(),
      participants: new Map(),
    });
  }

  /** Signs `userId` in: a new id, CSRF token and SessionIndex; waiting requests carry over. */
  signIn(previous: Session | undefined, userId: string): Session {
    if (previous) this.delete(previous);
    return this.#store({
      id: token(),
      csrf: token(),
      userId,
      sessionIndex: this.#newSessionIndex(),
      createdAt: this.#now().getTime(),
      pending: new Map(previous?.pending ?? []),
      participants: new Map(),
    });
  }

  delete(session: Session): void {
    this.#signedIn.delete(session.id);
    this.#anonymous.delete(session.id);
  }

  /** How many sessions are held: signed in, and anonymous. */
  get size(): { signedIn: number; anonymous: number } {
    return { signedIn: this.#signedIn.size, anonymous: this.#anonymous.size };
  }

  /** Whether `candidate` is this session's CSRF token (constant-time). */
  csrfMatches(session: Session, candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const a = Buffer.from(session.csrf);
    const b = Buffer.from(candidate);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Keeps an accepted request until the user has signed in; returns its handle. */
  addPending(session: Session, pending: Omit<PendingAuthnRequest, 'receivedAt'>): string {
    const id = token();
    session.pending.set(id, { ...pending, receivedAt: this.#now().getTime() });
    while (session.pending.size > this.#maxPending) {
      session.pending.delete(session.pending.keys().next().value!);
    }
    return id;
  }

  /** Takes (once) the pending request `id` for `slug`, if it is this session's and not expired. */
  takePending(session: Session, id: string, slug: string): PendingAuthnRequest | undefined {
    const pending = session.pending.get(id);
    if (!pending || pending.slug !== slug) return undefined;
    session.pending.delete(id);
    return this.#now().getTime() - pending.receivedAt < this.#pendingTtl ? pending : undefined;
  }

  #store(session: Session): Session {
    const [sessions, max] =
      session.userId === undefined ? [this.#anonymous, this.#maxAnonymous] : [this.#signedIn, this.#max];
    sessions.set(session.id, session);
    while (sessions.size > max) sessions.delete(sessions.keys().next().value!);
    return session;
  }
}
