/**
 * The SCIM 2.0 protocol rows every SCIM SP is checked against, one per topic of RFC 7643 /
 * RFC 7644 (docs/decisions/0002-scim-requirement-ids.md). Optional features are MAY in the
 * RFC and checked hard only where /ServiceProviderConfig advertises them.
 */
import { defineRequirements } from './types.js';

const RFC_7644 = 'RFC 7644 (SCIM 2.0 protocol)';

export const SCIM_REQUIREMENTS = defineRequirements([
  {
    id: 'SCIM-DISCOVERY',
    level: 'MUST',
    text: 'The service provider configuration endpoints answer: /ServiceProviderConfig (which optional features are supported), /ResourceTypes and /Schemas, with the schemas of RFC 7643 §5–§7.',
    source: { document: RFC_7644, section: '§4 (Service Provider Configuration Endpoints)' },
  },
  {
    id: 'SCIM-MEDIA-TYPE',
    level: 'MUST',
    text: 'Requests and responses use application/scim+json; a request sent as application/json is accepted too.',
    source: { document: RFC_7644, section: '§3.1 (Background), §8.1 (Media Type Registration)' },
  },
  {
    id: 'SCIM-CREATE',
    level: 'MUST',
    text: 'POST to a resource endpoint creates the resource and answers 201 Created with the resource, a Location header naming its URI and meta (resourceType, created, lastModified, location, version).',
    source: { document: RFC_7644, section: '§3.3 (Creating Resources); RFC 7643 §3.1 (meta)' },
  },
  {
    id: 'SCIM-UNIQUENESS',
    level: 'MUST',
    text: 'A create or update that would duplicate a unique attribute (userName, a group displayName) answers 409 Conflict with scimType uniqueness and changes nothing.',
    source: { document: RFC_7644, section: '§3.3, §3.12 (uniqueness)' },
  },
  {
    id: 'SCIM-READ',
    level: 'MUST',
    text: 'GET /Users/{id} returns the resource; an unknown id answers 404 as a SCIM Error.',
    source: { document: RFC_7644, section: '§3.4.1 (Retrieving a Known Resource)' },
  },
  {
    id: 'SCIM-LIST-FILTER',
    level: 'MUST',
    text: 'A list filters with userName eq (the lookup every IdP makes before a create) and, where filter is advertised, every operator (ne, co, sw, ew, gt, ge, lt, le, pr), and/or/not and grouping, value paths such as emails[type eq "work"], case-insensitive attribute names and each attribute’s caseExact rule; a filter that does not parse answers 400 invalidFilter.',
    source: { document: RFC_7644, section: '§3.4.2.2 (Filtering); RFC 7643 §2.1 (caseExact)' },
  },
  {
    id: 'SCIM-LIST-PAGINATION',
    level: 'MUST',
    text: 'A list pages with a 1-based startIndex and count, and totalResults counts every match, not the page.',
    source: { document: RFC_7644, section: '§3.4.2.4 (Pagination)' },
  },
  {
    id: 'SCIM-LIST-ATTRIBUTES',
    level: 'MUST',
    text: 'The attributes and excludedAttributes parameters choose what a response returns (always-returned attributes stay).',
    source: { document: RFC_7644, section: '§3.4.2.5 (Attributes); §3.9' },
  },
  {
    id: 'SCIM-LIST-SORT',
    level: 'MAY',
    text: 'sortBy and sortOrder order a list (resources without the attribute last); required where /ServiceProviderConfig advertises sort.',
    source: { document: RFC_7644, section: '§3.4.2.3 (Sorting)' },
  },
  {
    id: 'SCIM-PUT',
    level: 'MUST',
    text: 'PUT replaces the resource’s attributes with those sent (readOnly ones aside) and answers 200 with the result.',
    source: { document: RFC_7644, section: '§3.5.1 (Replacing with PUT)' },
  },
  {
    id: 'SCIM-PATCH',
    level: 'MUST',
    text: 'PATCH applies add, remove and replace operations, with and without a path, with value-path filters such as members[value eq "…"] and case-insensitive op names, all or nothing.',
    source: { document: RFC_7644, section: '§3.5.2 (Modifying with PATCH)' },
  },
  {
    id: 'SCIM-DELETE',
    level: 'MUST',
    text: 'DELETE removes the resource and answers 204 No Content; the resource is then 404.',
    source: { document: RFC_7644, section: '§3.6 (Deleting Resources)' },
  },
  {
    id: 'SCIM-ETAG',
    level: 'MAY',
    text: 'Resources carry meta.version as an ETag and a write with a stale If-Match answers 412 Precondition Failed; required where /ServiceProviderConfig advertises etag.',
    source: { document: RFC_7644, section: '§3.14 (Versioning Resources)' },
  },
  {
    id: 'SCIM-ERRORS',
    level: 'MUST',
    text: 'Errors are SCIM Error bodies: the Error schema URN, status as a string equal to the HTTP status, scimType where RFC 7644 Table 9 defines one, and a detail.',
    source: { document: RFC_7644, section: '§3.12 (HTTP Status and Error Response Handling)' },
  },
  {
    id: 'SCIM-AUTH',
    level: 'MUST',
    text: 'A request without a token, or with a wrong one, answers 401 and reveals and changes nothing.',
    source: { document: RFC_7644, section: '§2 (Authentication and Authorization); RFC 6750 §3' },
  },
  {
    id: 'SCIM-BAD-INPUT',
    level: 'MUST',
    text: 'Bad input of every kind (malformed JSON, a wrong media type, an invalid value, a missing required attribute, an oversized body) answers a clear 4xx SCIM error and changes nothing.',
    source: { document: RFC_7644, section: '§3.12 (invalidSyntax, invalidValue, tooLarge…); RFC 7643 §2.2' },
  },
  {
    id: 'SCIM-MUTABILITY',
    level: 'MUST',
    text: 'Writes respect each attribute’s characteristics as /Schemas serves them: readOnly values (id, meta) are ignored by PUT and refused by PATCH with 400 mutability, an immutable value is never changed, a required attribute is never left missing.',
    source: { document: RFC_7644, section: '§3.5.1, §3.5.2, §3.12 (mutability); RFC 7643 §2.2' },
  },
  {
    id: 'SCIM-RETURNED',
    level: 'MUST',
    text: 'An attribute whose returned characteristic is "never" (password) is in no response: create, read, list or update.',
    source: { document: 'RFC 7643 (SCIM 2.0 core schema)', section: '§2.2 (returned), §4.1.1 (password)' },
  },
  {
    id: 'SCIM-WRITE-RESPONSE',
    level: 'MUST',
    text: 'The resource a POST, PUT or PATCH answers with is the resource as stored: the same attributes and values a GET of it returns next; a PATCH answers 200 with the entire resource or 204 without a body.',
    source: { document: RFC_7644, section: '§3.3, §3.5.1, §3.5.2' },
  },
  {
    id: 'SCIM-IDP-VALUES',
    level: 'MUST',
    text: 'The values IdPs really send (Entra ID: op "Replace", "active": "False" as a string, path-less value maps) are applied or refused with 400; never answered 2xx and left unapplied, never stored as a string where the schema says boolean.',
    source: { document: RFC_7644, section: '§3.5.2, §3.12; RFC 7643 §2.3.2 (boolean)' },
  },
] as const);
