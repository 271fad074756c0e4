import { chinaDate } from '../../../domain/dates.ts';
import type { MaterialKind } from '../../../domain/enums.ts';
import { requestArchiveColumns } from '../../../records/person-columns.ts';
import { submissionViolations } from '../../../domain/materials.ts';
import { makeCollectionFormSchema, toViolations, type CollectionForm } from '../../../domain/schemas/index.ts';
import { problem, refusal } from '../../problem.ts';
import { isUnclaimed } from '../../records/account.ts';
import { formPartSchemas } from '../form.ts';
import type { RequestKindSpec } from './spec.ts';

export const collection: RequestKindSpec = {
  kind: 'collection',
  workflowType: 'collectionRequest',
  partSchemas: formPartSchemas,
  async newDraft() {
    return {};
  },
  async check(deps, request, uploaded) {
    const schema = makeCollectionFormSchema({ provinceCode: deps.env.PROVINCE_CODE, today: chinaDate(Date.now()) });
    const parsed = schema.safeParse(request.form);
    const violations = parsed.success ? [] : toViolations(parsed.error);
    const raw = (request.form ?? {}) as { situation?: unknown; qualifications?: unknown };
    const knownSituation = typeof raw.situation === 'string';
    const missing = submissionViolations({
      form: {
        situation: (knownSituation ? raw.situation : 'accountingWork') as CollectionForm['situation'],
        qualifications: Array.isArray(raw.qualifications) ? raw.qualifications : [],
      },
      requestKind: request.kind,
      uploaded: uploaded as MaterialKind[],
      commitmentAccepted: request.commitmentAcceptedAt !== null,
    });
    // Which materials are needed depends on the situation: until it is chosen, only the commitment counts.
    violations.push(...missing.filter((v) => knownSituation || v.rule === 'commitment.required'));
    if (!parsed.success || violations.length) return { violations };
    return {
      violations,
      facts: { ...requestArchiveColumns(parsed.data.basic.idNumber, deps.personalData), districtCode: parsed.data.district.code },
    };
  },
  async assertCanStart(deps, facts) {
    // Both asked at once: the submit waits for the slower, not for the sum.
    const [collected, keeper] = await Promise.all([
      deps.db.person.findFirst({ where: { archiveNoHash: facts.archiveNoHash, status: 'active' }, select: { id: true } }),
      provinceKeeping(deps, deps.personalData.open('idNumber', facts.archiveNoSealed)),
    ]);
    if (collected && (await isUnclaimed(deps, facts.archiveNoHash))) {
      // Arrived by a transfer from another province, claimed by no account: the applicant claims it, no loop.
      throw refusal('already-collected-claim', { rule: 'collection.claim', nextStep: { step: 'claim' } });
    }
    if (collected) {
      throw problem(
        'already-collected',
        409,
        'This person has already been collected; submit an information change instead',
        '该人员信息已采集，无需重新采集；如信息有变化，请提交信息变更',
      );
    }
    // The archive is national: a person another province keeps comes here by a transfer in (调入), not
    // a second collection, which the platform would refuse at upload after the review was done.
    if (keeper && keeper !== deps.env.PROVINCE_CODE) {
      throw problem(
        'collected-elsewhere',
        409,
        `This person's record is kept by province ${keeper} on the national platform; apply for a transfer in instead`,
        `该人员的会计人员信息由 ${keeper} 省级财政部门管理（全国平台），请申请调入，无需重新采集`,
        { province: keeper },
      );
    }
  },
  openKey: (archiveNoHash) => `collection:${archiveNoHash}`,
};

/**
 * Which province keeps the person's record on the national platform, if any. The submit does not wait
 * on the platform: when it is slow or down the answer is "unknown" and the upload after approval decides.
 */
async function provinceKeeping(deps: Parameters<RequestKindSpec['assertCanStart']>[0], archiveNo: string): Promise<string | null> {
  const unknown = new Promise<null>((resolve) => setTimeout(resolve, NATIONAL_CHECK_MS, null).unref());
  const asked = deps.national.getRecord(archiveNo).then(
    (r) => r?.province ?? null,
    (e: unknown) => {
      deps.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'national record check failed; submitting without it');
      return null;
    },
  );
  return Promise.race([asked, unknown]);
}
const NATIONAL_CHECK_MS = 2_000;
