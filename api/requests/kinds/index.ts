import type { RequestKind } from '../../../workflows/messages.ts';
import { change } from './change.ts';
import { collection } from './collection.ts';
import type { RequestKindSpec } from './spec.ts';
import { districtMove, transferIn, transferOut } from './transfers.ts';

export type { RequestKindSpec, SubmissionFacts } from './spec.ts';

const SPECS: Partial<Record<RequestKind, RequestKindSpec>> = { collection, change, transferOut, transferIn, districtMove };

export function specOf(kind: RequestKind): RequestKindSpec {
  const spec = SPECS[kind];
  if (!spec) throw new Error(`no request kind ${kind}`);
  return spec;
}
