/**
 * What a SCIM server must do for an IdP's lifecycle to work, judged by reading it back over
 * SCIM after each step the IdP takes in its own dialect (docs/decisions/0016-lifecycle-read-back.md).
 * Each row is RFC 7644 applied to the requests one IdP really sends.
 */
import { defineRequirements } from './types.js';

const RFC_7644 = 'RFC 7644 (SCIM 2.0 protocol)';

export const LIFECYCLE_REQUIREMENTS = defineRequirements([
  {
    id: 'SCIM-LIFECYCLE-CONNECT',
    level: 'MUST',
    text: "The IdP's connection test (its lookup, and in some dialects a test user created and removed) succeeds with the token the admin pastes, and leaves no active test user behind.",
    source: { document: RFC_7644, section: '§3.3, §3.4.2.2, §3.6' },
  },
  {
    id: 'SCIM-LIFECYCLE-CREATE',
    level: 'MUST',
    text: "A user the IdP creates reads back with what it sent (userName, name, work email, active true), and the IdP's lookup filter finds it again, so a reconnect takes it over instead of duplicating it.",
    source: { document: RFC_7644, section: '§3.3, §3.4.2.2' },
  },
  {
    id: 'SCIM-LIFECYCLE-UPDATE',
    level: 'MUST',
    text: 'A profile change the IdP sends (PATCH or PUT, as its dialect does) reads back changed, the userName included.',
    source: { document: RFC_7644, section: '§3.5.1, §3.5.2' },
  },
  {
    id: 'SCIM-LIFECYCLE-DEACTIVATE',
    level: 'MUST',
    text: 'A user the IdP suspends or unassigns reads back inactive (active false, a Boolean) or gone; a value the server will not apply is refused, never stored with the user left active.',
    source: { document: 'RFC 7643 (SCIM 2.0 core schema)', section: '§4.1.1 (active); RFC 7644 §3.5.2' },
  },
  {
    id: 'SCIM-LIFECYCLE-REACTIVATE',
    level: 'MUST',
    text: 'A user the IdP restores reads back active again.',
    source: { document: RFC_7644, section: '§3.5' },
  },
  {
    id: 'SCIM-LIFECYCLE-DELETE',
    level: 'MUST',
    text: 'A user the IdP deletes answers 404 afterwards (or reads back inactive, where the IdP deactivates instead of deleting).',
    source: { document: RFC_7644, section: '§3.6' },
  },
  {
    id: 'SCIM-LIFECYCLE-GROUPS',
    level: 'MUST',
    text: "A group the IdP pushes reads back with its name and exactly its members after every add, removal (in the dialect's form), rename and delete.",
    source: { document: RFC_7644, section: '§3.3, §3.5.2, §3.6; RFC 7643 §4.2' },
  },
  {
    id: 'SCIM-LIFECYCLE-IMPORT',
    level: 'MUST',
    text: "The IdP's import, paging through /Users, lists every user once.",
    source: { document: RFC_7644, section: '§3.4.2.4' },
  },
] as const);
