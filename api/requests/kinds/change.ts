import { loadRecordForm } from '../../../records/record-form.ts';
import { changeRequiredMaterials, mergeChange, recordChanges, type ChangeForm } from '../../../domain/change.ts';
import { chinaDate } from '../../../domain/dates.ts';
import type { MaterialKind } from '../../../domain/enums.ts';
import { commitmentMissing, missingMaterials } from '../../../domain/materials.ts';
import { violation, type RuleViolation } from '../../../domain/rules.ts';
import { continuingEducationKey, makeContinuingEducationListSchema } from '../../../domain/schemas/continuing-education.ts';
import { makeCollectionFormSchema, toViolations } from '../../../domain/schemas/index.ts';
import { nextStepOf } from '../../records/account.ts';
import { assertActive, noRecord } from '../../records/problems.ts';
import { formPartSchemas } from '../form.ts';
import type { RequestKindSpec } from './spec.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Information change (信息变更) of what needs proof and review. The draft holds only the changed parts,
 * each saved with its collection schema; at submit the record with the change applied must pass the
 * collection rules as a whole, and the proof of what actually changes must be uploaded.
 * The person's own district reviews it. One open change per person.
 */
export const change: RequestKindSpec = {
  kind: 'change',
  workflowType: 'changeRequest',
  partSchemas: (provinceCode, today) => ({
    ...formPartSchemas(provinceCode, today),
    continuingEducation: makeContinuingEducationListSchema({ today }),
  }),
  async newDraft(deps, actor) {
    const person = await deps.db.person.findFirst({
      where: { applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE },
      orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }],
      select: { archiveNoHash: true, archiveNoSealed: true, districtCode: true, status: true, transferredTo: true },
    });
    if (!person) throw noRecord(await nextStepOf(deps, actor));
    assertActive(person);
    return { archiveNoHash: person.archiveNoHash, archiveNoSealed: person.archiveNoSealed, districtCode: person.districtCode };
  },
  async check(deps, request, uploaded) {
    const person = await deps.db.person.findUnique({ where: { archiveNoHash: request.archiveNoHash! } });
    if (!person) throw noRecord();
    assertActive(person);
    const today = chinaDate(Date.now());
    const form = (request.form ?? {}) as ChangeForm;
    const before = await loadRecordForm(deps.db, deps.personalData, person.id);
    const after = mergeChange(before, form);
    const violations: RuleViolation[] = [];

    const whole = makeCollectionFormSchema({ provinceCode: deps.env.PROVINCE_CODE, today }).safeParse(after);
    if (!whole.success) violations.push(...toViolations(whole.error));
    for (const f of ['idType', 'idNumber'] as const) {
      if (form.basic && form.basic[f] !== before.basic[f]) {
        violations.push(
          violation('change.archiveNo', `basic.${f}`, {
            zh: '证件号码即档案号，不能通过信息变更修改；如证件号码有误，请联系所属区财政局',
            en: 'the ID number is the archive number and cannot be changed by an information change; if it is wrong, contact your district',
          }),
        );
      }
    }

    const courses = form.continuingEducation ?? [];
    if (courses.length) {
      const parsed = makeContinuingEducationListSchema({ today }).safeParse(courses);
      if (!parsed.success) violations.push(...toViolations(parsed.error, { prefix: 'continuingEducation' }));
      else {
        const recorded = await deps.db.continuingEducation.findMany({
          where: { personId: person.id },
          select: { year: true, course: true, completedOn: true },
        });
        const keys = new Set(recorded.map((r) => continuingEducationKey({ ...r, completedOn: day(r.completedOn) })));
        parsed.data.forEach((e, i) => {
          if (keys.has(continuingEducationKey(e))) {
            violations.push(
              violation('continuingEducation.duplicate', `continuingEducation.${i}.course`, {
                zh: '该课程已登记（同一年度、同一课程、同一完成日期）',
                en: 'is already recorded (same year, course and completion date)',
              }),
            );
          }
        });
      }
    }

    const changes = recordChanges(before, after);
    if (!changes.length && !courses.length && !uploaded.includes('photo')) {
      violations.push(
        violation('change.nothing', '', {
          zh: '变更内容与现有信息相同，请填写需要变更的部分（手机、邮箱、地址请直接修改，无需审核）',
          en: 'nothing differs from the record; save the parts that change (mobile, email and address change directly, without review)',
        }),
      );
    }
    violations.push(...missingMaterials(changeRequiredMaterials(changes, after, courses.length > 0), uploaded as MaterialKind[]));
    if (!request.commitmentAcceptedAt) violations.push(commitmentMissing());
    if (violations.length) return { violations };
    return {
      violations,
      facts: { archiveNoHash: person.archiveNoHash, archiveNoSealed: person.archiveNoSealed, districtCode: person.districtCode },
    };
  },
  async assertCanStart(deps, facts) {
    const person = await deps.db.person.findUnique({
      where: { archiveNoHash: facts.archiveNoHash },
      select: { status: true, transferredTo: true },
    });
    if (!person) throw noRecord();
    assertActive(person);
  },
  openKey: (archiveNoHash) => `change:${archiveNoHash}`,
};
