import { ApplicationFailure } from '@temporalio/workflow';
import { refusals, type RefusalCode } from '../domain/refusals.ts';

/** Throws a refusal the API turns into a problem+json with the same code. */
export function refuse(code: RefusalCode): never {
  const r = refusals[code];
  throw ApplicationFailure.create({ type: code, message: r.en, details: [r.zh], nonRetryable: true });
}
