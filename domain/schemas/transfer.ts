/** 调出 / 调入 / 省内调转: what an applicant fills in to move a record. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { isDistrictOf, provinceOf, servedProvinceCodes } from '../districts.ts';
import { idTypes } from '../enums.ts';
import type { Situation } from '../enums.ts';
import { identityProblems } from '../identity.ts';
import { violation, type RuleViolation } from '../rules.ts';
import { makeDistrictChoiceSchema } from './district.ts';
import { enumOf, optionalText, text } from './fields.ts';
import { makeCollectionFormSchema, type FormSchemaOptions } from './form.ts';
import { addProblem, toViolations, whenValid } from './issues.ts';
import { makeWorkSchema, type WorkInfo } from './work.ts';
import { components } from './components.ts';

/** Another provincial-level division than the deployment's own. */
function otherProvince(ownProvince: string) {
  return text(6).superRefine((code, ctx) => {
    if (!provinceOf(code)) {
      addProblem(ctx, [], {
        rule: 'transfer.province',
        text: { zh: '不是有效的省级行政区划代码（如 130000 河北省）', en: 'is not a provincial-level division code (e.g. 130000 Hebei)' },
      });
    } else if (code === ownProvince) {
      addProblem(ctx, [], {
        rule: 'transfer.sameProvince',
        text: {
          zh: '省内调转请提交省内调转申请，而不是跨省调转',
          en: 'is this province: a move within the province is a district move, not a transfer',
        },
      });
    }
  });
}

export function makeTransferOutSchema({ provinceCode }: { provinceCode: string }) {
  return z
    .object({
      toProvince: otherProvince(provinceCode),
      /** The district there that will receive the person. */
      toDistrict: text(6),
      reason: optionalText(200),
    })
    .superRefine(
      (t, ctx) => {
        const known = servedProvinceCodes().includes(t.toProvince);
        const inProvince = t.toDistrict.slice(0, 2) === t.toProvince.slice(0, 2) && /^\d{6}$/.test(t.toDistrict);
        if (!inProvince || (known && !isDistrictOf(t.toProvince, t.toDistrict))) {
          addProblem(ctx, ['toDistrict'], {
            rule: 'transfer.district',
            text: { zh: '不是调入省份的县级行政区划代码', en: 'is not a county-level division of the destination province' },
          });
        }
      },
      whenValid(['toProvince'], ['toDistrict']),
    )
    .meta(components.TRANSFER_OUT_PART);
}

export function makeTransferInSchema({ provinceCode, today }: { provinceCode: string; today: IsoDate }) {
  return z
    .object({
      /** The province that keeps the record now (当前所属地). */
      fromProvince: otherProvince(provinceCode),
      idType: enumOf(idTypes),
      idNumber: text(30).toUpperCase(),
      nationality: text(3).toUpperCase(),
      /** The district here that will receive the person (调入地区). */
      district: makeDistrictChoiceSchema({ provinceCode }),
    })
    .superRefine(
      (t, ctx) => {
        const { problems } = identityProblems({ idType: t.idType, idNumber: t.idNumber, nationality: t.nationality, today });
        for (const p of problems) addProblem(ctx, [p.field], { rule: p.rule, text: p.text });
      },
      whenValid(['idType'], ['idNumber'], ['nationality']),
    )
    .meta(components.TRANSFER_IN_PART);
}

export function makeDistrictMoveSchema(options: FormSchemaOptions) {
  return z
    .object({
      district: makeDistrictChoiceSchema(options),
      /** The new work unit, when the move is because the person works elsewhere now; proven by a workProof. */
      work: makeWorkSchema(options).optional(),
      reason: optionalText(200),
    })
    .meta(components.DISTRICT_MOVE_PART);
}

export interface DistrictMove {
  district: { code: string; basis: string };
  work?: WorkInfo | undefined;
}

/**
 * 省内调转 is checked like collection: the record with the move applied (the new district, and the new
 * work unit when the move carries one) must pass the collection form's district and work rules, so the
 * moved record stays valid and its next change is accepted. Paths are the move part's (`move.district.code`).
 */
export function districtMoveViolations(
  options: FormSchemaOptions,
  record: { situation: Situation; work?: object | undefined },
  move: DistrictMove,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (move.work && record.situation !== 'accountingWork') {
    out.push(
      violation('move.workNotWorking', 'move.work', {
        zh: '记录中的人员类别不是从事会计工作，调转不能带工作单位；如已从事会计工作，请先提交信息变更',
        en: 'the record is not of a person doing accounting work, so a move cannot carry a work unit; submit a change of situation first',
      }),
    );
    return out;
  }
  const after = { ...record, district: move.district, ...(move.work ? { work: move.work } : {}) };
  const parsed = makeCollectionFormSchema(options).safeParse(after);
  if (parsed.success) return out;
  for (const v of toViolations(parsed.error)) {
    if (!/^(district|work)(\.|$)/.test(v.path)) continue;
    const hint =
      v.rule === 'district.wrongJurisdiction' && record.situation === 'accountingWork' && !move.work
        ? {
            zh: '；工作单位已变更的，请在调转申请中填写新的工作单位并上传从事会计工作证明',
            en: '; if your work unit changed, add the new work unit to the move with a proof of accounting work',
          }
        : { zh: '', en: '' };
    out.push({ ...v, path: `move.${v.path}`, zh: v.zh + hint.zh, en: v.en + hint.en });
  }
  return out;
}
