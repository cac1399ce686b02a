/**
 * Directory Insights: the IdP's event log. Every provisioning action records an
 * event with its outcome and detail, as JumpCloud logs them.
 * @see IDP-IDM-10
 */

export const INSIGHTS_EVENT_TYPES = [
  'idm_integration_activate',
  'idm_integration_update',
  'idm_integration_reauth',
  'idm_integration_delete',
  'user_create_provision',
  'user_update_provision',
  'user_deprovision',
  'user_delete_provision',
  'user_lookup_provision',
  'group_create_provision',
  'group_update_provision',
  'group_delete_provision',
] as const;

export type InsightsEventType = (typeof INSIGHTS_EVENT_TYPES)[number];

export interface InsightsEvent {
  event_type: InsightsEventType;
  timestamp: string;
  application: string;
  outcome: 'success' | 'failure';
  /** The directory resource the event is about. */
  resource?: { type: 'user' | 'group'; id: string; name: string };
  /** What happened, or why it failed. */
  detail: string;
}

/** A message to the admin outside the console, e.g. the e-mail ending a background import (IDP-IDM-08). */
export interface IdpNotification {
  timestamp: string;
  application: string;
  subject: string;
  detail: string;
}

/** How the log keeps what it is given; a fault replaces it (decision 0012). */
export interface InsightsSteps {
  /** Adds `event` to the log's `events` (IDP-IDM-10: every provisioning action is logged). */
  keepEvent(events: InsightsEvent[], event: InsightsEvent): void;
}

/** The strict insights step: every event is kept. */
export const INSIGHTS_STEPS: InsightsSteps = {
  keepEvent: (events, event) => void events.push(event),
};

export class InsightsLog {
  readonly events: InsightsEvent[] = [];

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly steps: InsightsSteps = INSIGHTS_STEPS,
  ) {}

  record(event: Omit<InsightsEvent, 'timestamp'>): InsightsEvent {
    const full = { ...event, timestamp: this.now().toISOString() };
    this.steps.keepEvent(this.events, full);
    return full;
  }

  ofType(type: InsightsEventType): InsightsEvent[] {
    return this.events.filter((event) => event.event_type === type);
  }
}
