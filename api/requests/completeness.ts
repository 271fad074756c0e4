import type { Request } from '../../generated/prisma/client.ts';
import { chinaDate } from '../../domain/dates.ts';
import type { MaterialKind } from '../../domain/enums.ts';
import { normalizeIdNumber } from '../../domain/identity.ts';
import { submissionViolations } from '../../domain/materials.ts';
import type { RuleViolation } from '../../domain/rules.ts';
import { makeCollectionFormSchema, toViolations, type CollectionForm } from '../../domain/schemas/index.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { currentMaterials } from './materials.ts';

/**
 * The whole form, its materials and the commitment letter, checked together before a (re)submit.
 * All that is wrong is reported at once, each with its field and rule, and nothing changes.
 */
export async function checkCompleteForm(deps: ApiDeps, request: Request): Promise<{ form: CollectionForm; archiveNo: string; districtCode: string }> {
  const schema = makeCollectionFormSchema({ provinceCode: deps.env.PROVINCE_CODE, today: chinaDate(Date.now()) });
  const parsed = schema.safeParse(request.form);
  const violations: RuleViolation[] = parsed.success ? [] : toViolations(parsed.error);
  const raw = (request.form ?? {}) as { situation?: unknown; qualifications?: unknown };
  const knownSituation = typeof raw.situation === 'string';
  const uploaded = (await currentMaterials(deps, request.id)).map((m) => m.kind as MaterialKind);
  const missing = submissionViolations({
    form: {
      situation: (knownSituation ? raw.situation : 'accountingWork') as CollectionForm['situation'],
      qualifications: Array.isArray(raw.qualifications) ? raw.qualifications : [],
    },
    requestKind: request.kind,
    uploaded,
    commitmentAccepted: request.commitmentAcceptedAt !== null,
  });
  // Which materials are needed depends on the situation: until it is chosen, only the commitment counts.
  violations.push(...missing.filter((v) => knownSituation || v.rule === 'commitment.required'));
  if (!parsed.success || violations.length) {
    throw problem(
      'request-incomplete',
      422,
      `The request cannot be submitted yet: ${violations.map((v) => `${v.path}: ${v.en}`).join('; ')}`,
      `申请尚不能提交：${violations.map((v) => `${v.path}：${v.zh}`).join('；')}`,
      { violations, rule: violations[0]?.rule },
    );
  }
  const form = parsed.data;
  return { form, archiveNo: normalizeIdNumber(form.basic.idNumber), districtCode: form.district.code };
}
