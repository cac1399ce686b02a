/**
 * What a requirement row is: an ID that checks, faults and reports cite, its full text, the
 * word of its source (MUST / SHOULD / MAY from the RFC or SAML text, DOC for an integration
 * guide's rule) and where it comes from.
 */

/** The RFC 2119 word of the source, or DOC for behaviour an integration guide documents. */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'DOC';

/** Where a requirement comes from: a guide and its section, or a standard and its clause. */
export interface RequirementSource {
  /** e.g. `JumpCloud guide "Integrate with Salesforce"`, `RFC 7644`. */
  readonly document: string;
  /** The guide's section heading(s) or the standard's clause(s). */
  readonly section: string;
}

export interface Requirement<Id extends string = string> {
  readonly id: Id;
  readonly level: Level;
  /** The requirement in full. */
  readonly text: string;
  readonly source: RequirementSource;
  /** What is assumed where the source is silent: the behaviour emulated, to correct in one place. */
  readonly assumed?: string;
  /**
   * Shared checks (scenario ids) that also judge this row: an app's row judged by an engine check
   * that runs on every SP, which then cites the row beside its own.
   */
  readonly checkedBy?: readonly string[];
}

/** Declares requirement rows, keeping each id's literal type so a cited typo fails to compile. */
export function defineRequirements<const T extends readonly Requirement[]>(rows: T): T {
  return rows;
}

/** The id union of a list of rows. */
export type RequirementIdOf<T extends readonly Requirement[]> = T[number]['id'];
