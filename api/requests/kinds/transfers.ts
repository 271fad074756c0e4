import type { Request } from '../../../generated/prisma/client.ts';
import { chinaDate } from '../../../domain/dates.ts';
import { requestArchiveColumns } from '../../../records/person-columns.ts';
import { commitmentMissing, missingMaterials } from '../../../domain/materials.ts';
import type { RuleViolation } from '../../../domain/rules.ts';
import {
  districtMoveViolations,
  makeDistrictMoveSchema,
  makeTransferInSchema,
  makeTransferOutSchema,
  toViolations,
  type DistrictMove,
} from '../../../domain/schemas/index.ts';
import { loadRecordForm } from '../../../records/record-form.ts';
import type { z } from 'zod';
import type { Actor } from '../../../workflows/messages.ts';
import type { ApiDeps } from '../../deps.ts';
import { problem } from '../../problem.ts';
import type { RequestKindSpec, SubmissionFacts } from './spec.ts';

/** Every transfer, between provinces or districts, excludes every other transfer of the person. */
export const transferKey = (archiveNoHash: string) => `transfer:${archiveNoHash}`;

/** The applicant's own record, active here: what a transfer out or a district move starts from. */
async function ownActiveRecord(deps: ApiDeps, actor: Actor) {
  const person = await deps.db.person.findFirst({
    where: { applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE, status: 'active' },
    select: { archiveNoHash: true, archiveNoSealed: true, districtCode: true },
  });
  if (!person) {
    throw problem(
      'no-active-record',
      409,
      'You have no collected record in this province to transfer; complete information collection first',
      '您在本省尚无已采集的会计人员信息，请先完成信息采集',
    );
  }
  return person;
}

/** Validates one part of the form and the transfer proof with the commitment letter. */
function checkPart<T>(
  request: Request,
  part: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: z.ZodError } },
  uploaded: string[],
) {
  const parsed = schema.safeParse((request.form as Record<string, unknown>)[part]);
  const violations: RuleViolation[] = parsed.success ? [] : toViolations(parsed.error, { prefix: part });
  violations.push(...missingMaterials(['transferProof'], uploaded as never[]));
  if (!request.commitmentAcceptedAt) violations.push(commitmentMissing());
  return { violations, data: parsed.success ? parsed.data : undefined };
}

async function assertActiveHere(deps: ApiDeps, facts: SubmissionFacts) {
  const person = await deps.db.person.findUnique({ where: { archiveNoHash: facts.archiveNoHash }, select: { status: true } });
  if (person?.status !== 'active') {
    throw problem('record-not-active', 409, 'This record is not active in this province', '该人员信息不在本省有效状态');
  }
}

export const transferOut: RequestKindSpec = {
  kind: 'transferOut',
  workflowType: 'transferOutRequest',
  partSchemas: (provinceCode) => ({ transfer: makeTransferOutSchema({ provinceCode }) }),
  async newDraft(deps, actor) {
    return ownActiveRecord(deps, actor);
  },
  async check(deps, request, uploaded) {
    const { violations, data } = checkPart(request, 'transfer', makeTransferOutSchema({ provinceCode: deps.env.PROVINCE_CODE }), uploaded);
    if (violations.length || !data) return { violations };
    // The person's own district reviews a transfer out.
    return {
      violations,
      facts: {
        archiveNoHash: request.archiveNoHash!,
        archiveNoSealed: request.archiveNoSealed!,
        districtCode: request.districtCode!,
        counterpartProvince: data.toProvince,
      },
    };
  },
  assertCanStart: assertActiveHere,
  openKey: transferKey,
};

export const transferIn: RequestKindSpec = {
  kind: 'transferIn',
  workflowType: 'transferInRequest',
  partSchemas: (provinceCode, today) => ({ transfer: makeTransferInSchema({ provinceCode, today }) }),
  async newDraft() {
    return {};
  },
  async check(deps, request, uploaded) {
    const schema = makeTransferInSchema({ provinceCode: deps.env.PROVINCE_CODE, today: chinaDate(Date.now()) });
    const { violations, data } = checkPart(request, 'transfer', schema, uploaded);
    if (violations.length || !data) return { violations };
    // The receiving district reviews a transfer in.
    return {
      violations,
      facts: {
        ...requestArchiveColumns(data.idNumber, deps.personalData),
        districtCode: data.district.code,
        counterpartProvince: data.fromProvince,
      },
    };
  },
  async assertCanStart(deps, facts) {
    const here = await deps.db.person.findUnique({ where: { archiveNoHash: facts.archiveNoHash }, select: { status: true } });
    if (here?.status === 'active') {
      throw problem('already-here', 409, 'This person is already collected in this province', '该人员已在本省完成信息采集，无需调入');
    }
  },
  openKey: transferKey,
};

/** The move checked against the person's record as collection checks a district (domain/schemas/transfer.ts). */
async function moveViolations(deps: ApiDeps, archiveNoHash: string, move: DistrictMove): Promise<RuleViolation[]> {
  const person = await deps.db.person.findUniqueOrThrow({ where: { archiveNoHash }, select: { id: true, districtCode: true } });
  if (person.districtCode === move.district.code) {
    return [
      {
        rule: 'move.sameDistrict',
        path: 'move.district.code',
        zh: '调入区与当前所属区相同',
        en: 'is the district the record is already in',
      },
    ];
  }
  const record = await loadRecordForm(deps.db, deps.personalData, person.id);
  return districtMoveViolations({ provinceCode: deps.env.PROVINCE_CODE, today: chinaDate(Date.now()) }, record, move);
}

export const districtMove: RequestKindSpec = {
  kind: 'districtMove',
  workflowType: 'districtMoveRequest',
  partSchemas: (provinceCode, today) => ({ move: makeDistrictMoveSchema({ provinceCode, today }) }),
  async newDraft(deps, actor) {
    const { archiveNoHash, archiveNoSealed } = await ownActiveRecord(deps, actor);
    return { archiveNoHash, archiveNoSealed };
  },
  async checkSavedPart(deps, request, part, data) {
    return part === 'move' ? moveViolations(deps, request.archiveNoHash!, data as DistrictMove) : [];
  },
  async check(deps, request, uploaded) {
    const schema = makeDistrictMoveSchema({ provinceCode: deps.env.PROVINCE_CODE, today: chinaDate(Date.now()) });
    const { violations, data } = checkPart(request, 'move', schema, uploaded);
    if (data) {
      violations.push(...(await moveViolations(deps, request.archiveNoHash!, data)));
      // A new work unit is proven as in a change of the work module.
      if (data.work) violations.push(...missingMaterials(['workProof'], uploaded as never[]));
    }
    if (violations.length || !data) return { violations };
    return {
      violations,
      facts: { archiveNoHash: request.archiveNoHash!, archiveNoSealed: request.archiveNoSealed!, districtCode: data.district.code },
    };
  },
  assertCanStart: assertActiveHere,
  openKey: transferKey,
};
