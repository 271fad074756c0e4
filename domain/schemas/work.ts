/** 从事会计工作: the work unit and the accounting posts. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { accountingPosts, administrativePosts, economicTypes, unitKinds } from '../enums.ts';
import { usccProblems } from '../uscc.ts';
import { dateField, enumOf, text } from './fields.ts';
import { makeDistrictCodeSchema } from './district.ts';
import { addProblem } from './issues.ts';
import { components } from './components.ts';

export interface WorkSchemaOptions {
  provinceCode: string;
  today: IsoDate;
}

export function makeWorkSchema({ provinceCode, today }: WorkSchemaOptions) {
  return z
    .object({
      unitName: text(100),
      unitCreditCode: text(18)
        .toUpperCase()
        .superRefine((code, ctx) => {
          for (const p of usccProblems(code)) addProblem(ctx, [], p);
        }),
      unitKind: enumOf(unitKinds),
      economicType: enumOf(economicTypes).optional(),
      unitDistrict: makeDistrictCodeSchema(provinceCode),
      /** 开始从事会计工作时间; at least the 16th birthday, checked with the whole form. */
      startedOn: dateField({ today, notBefore: '1900-01-01' }),
      posts: z
        .array(enumOf(accountingPosts))
        .max(accountingPosts.length)
        .superRefine((posts, ctx) => {
          if (posts.length === 0) {
            addProblem(ctx, [], {
              rule: 'work.posts',
              text: { zh: '请至少选择一个会计工作岗位', en: 'choose at least one accounting post' },
            });
          }
          if (new Set(posts).size !== posts.length) {
            addProblem(ctx, [], { rule: 'work.posts', text: { zh: '岗位不能重复选择', en: 'choose each post only once' } });
          }
        }),
      administrativePost: enumOf(administrativePosts),
    })
    .meta(components.WORK_PART);
}

export type WorkInfo = z.output<ReturnType<typeof makeWorkSchema>>;
