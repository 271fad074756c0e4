import { districtOf, districtsOf } from '../../domain/districts.ts';
import { districtsOfActor } from '../../domain/reviewer-districts.ts';
import type { Actor } from '../../workflows/messages.ts';
import { problem } from '../problem.ts';

/** What a reader of statistics and lists may see: the whole province, or one district. */
export interface Scope {
  provinceCode: string;
  /** Null: every district of the province. */
  districtCode: string | null;
}

/**
 * Administrators see the whole province (or one district they ask for); a district reviewer sees their
 * own district only; applicants see no one else's data.
 */
export function scopeOf(actor: Actor, provinceCode: string, requestedDistrict?: string): Scope {
  if (actor.role === 'applicant') {
    throw problem(
      'forbidden',
      403,
      'Statistics and person search are for district reviewers and administrators',
      '统计和人员查询仅限区财政局审核人员和管理员使用',
      {
        rule: 'statistics.staffOnly',
      },
    );
  }
  if (requestedDistrict !== undefined && !districtOf(provinceCode, requestedDistrict)) {
    throw problem(
      'unknown-district',
      400,
      `${requestedDistrict} is not a district of ${provinceCode}`,
      `${requestedDistrict} 不是本省（${provinceCode}）的区县代码`,
      {
        rule: 'statistics.district',
        districts: districtsOf(provinceCode).map((d) => d.code),
      },
    );
  }
  if (actor.role === 'admin') return { provinceCode, districtCode: requestedDistrict ?? null };
  const own = districtsOfActor(actor);
  if (!own.length) {
    throw problem('forbidden', 403, 'This reviewer account is not bound to a district', '该审核人员账号未绑定区县', {
      rule: 'statistics.reviewerDistrict',
    });
  }
  if (requestedDistrict !== undefined && !own.includes(requestedDistrict)) {
    throw problem(
      'forbidden',
      403,
      `A district reviewer sees their own districts (${own.join(', ')}) only`,
      `区审核人员只能查看本区（${own.join('、')}）的数据`,
      {
        rule: 'statistics.districtScope',
      },
    );
  }
  // A reviewer of several districts names the one to count; without a name, the first.
  return { provinceCode, districtCode: requestedDistrict ?? own[0]! };
}
