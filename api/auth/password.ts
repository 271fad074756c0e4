import { passwordProblem } from '../../domain/password-rules.ts';
import { refusal } from '../problem.ts';
import { refusals } from '../../domain/refusals.ts';

/** Refuses a password that breaks a rule, naming the rule and the field it was sent in. */
export function checkPasswordRules(password: string, username: string, field: string) {
  const rule = passwordProblem(password, username);
  if (!rule) return;
  const { en, zh } = refusals[rule];
  throw refusal(rule, { rule: `password.${rule}`, violations: [{ path: field, rule, en, zh }] });
}
