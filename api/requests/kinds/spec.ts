import type { z } from 'zod';
import type { Request } from '../../../generated/prisma/client.ts';
import type { IsoDate } from '../../../domain/dates.ts';
import type { RuleViolation } from '../../../domain/rules.ts';
import type { Actor, RequestKind } from '../../../workflows/messages.ts';
import type { ApiDeps } from '../../deps.ts';

/**
 * What a submitted request is about: whose record (the archive number's keyed hash, and the number
 * sealed: never in plain text), which district reviews it, the other province.
 */
export interface SubmissionFacts {
  archiveNoHash: string;
  archiveNoSealed: string;
  districtCode: string;
  counterpartProvince?: string;
}

/** How one kind of request is drafted, checked and started; the submit and review mechanism is shared. */
export interface RequestKindSpec {
  kind: RequestKind;
  /** The workflow function's name (workflows/index.ts). */
  workflowType: string;
  partSchemas(provinceCode: string, today: IsoDate): Record<string, z.ZodType>;
  /** Fields a new draft starts with; throws a problem when the actor cannot start this kind. */
  newDraft(deps: ApiDeps, actor: Actor): Promise<{ archiveNoHash?: string; archiveNoSealed?: string; districtCode?: string }>;
  /** Rules a saved part breaks beyond its own schema, e.g. against the person's record (none when absent). */
  checkSavedPart?(deps: ApiDeps, request: Request, part: string, data: unknown): Promise<RuleViolation[]>;
  /** Everything that stops a submit, all at once; the facts when nothing does. `request.form` is opened. */
  check(deps: ApiDeps, request: Request, uploaded: string[]): Promise<{ violations: RuleViolation[]; facts?: SubmissionFacts }>;
  /** Conflicts with the person's state, e.g. already collected here (throws a problem). */
  assertCanStart(deps: ApiDeps, facts: SubmissionFacts): Promise<void>;
  /** Requests of kinds sharing a key exclude each other while open; built from the archive number's hash. */
  openKey(archiveNoHash: string): string;
}
