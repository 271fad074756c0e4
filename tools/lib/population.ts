/**
 * A generated population of accounting personnel for demos and benchmarks: people with valid
 * GB 11643 ID numbers, in the districts of the configured province, with education, work units
 * (valid GB 32100 credit codes), qualifications, continuing education, high-end talents and credit
 * records, drawn from plausible distributions. Seeded: the same seed, count and batch size draw the
 * same people (ID numbers already in the database are drawn again).
 *
 * Generated people are recognised by their e-mail domain (a reserved `.invalid` name that can never
 * reach anyone), so they can be counted, topped up and removed without touching real records.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { compactTallies } from '../../api/statistics/tallies.ts';
import type { Db } from '../../clients/db.ts';
import type { PersonalData } from '../../clients/personal-data.ts';
import { isMainlandAreaCode } from '../../domain/area-codes.ts';
import { REQUIRED_CREDITS } from '../../domain/continuing-education.ts';
import { addYears, type IsoDate } from '../../domain/dates.ts';
import { districtsOf, prefecturesOf, provinceOf, provinces, type District } from '../../domain/districts.ts';
import { accountingPosts, administrativePosts, educationLevels, type EducationLevel, type QualificationLevel } from '../../domain/enums.ts';
import { makeMainlandId, makeResidencePermitNumber } from '../../domain/identity.ts';
import { makeUscc } from '../../domain/uscc.ts';
import areaCodesFile from '../../domain/regions/area-codes.json' with { type: 'json' };

export const GENERATED_EMAIL_DOMAIN = 'population.invalid';

// ---------------------------------------------------------------- random draws

/** sfc32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed;
  let c = 0xb7e15162 ^ (seed * 31);
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

class Draw {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
  /** One of `entries` with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.random() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries.at(-1)![0];
  }
  normal(mean: number, sd: number): number {
    const u = 1 - this.random();
    const v = this.random();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** A date between two ISO dates, inclusive. */
  dateBetween(from: IsoDate, to: IsoDate): IsoDate {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    if (b <= a) return from;
    return new Date(a + Math.floor(this.random() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  }
}

// ---------------------------------------------------------------- vocabularies

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72],
  ['李', 70],
  ['张', 66],
  ['刘', 53],
  ['陈', 46],
  ['杨', 32],
  ['赵', 20],
  ['黄', 24],
  ['周', 18],
  ['吴', 18],
  ['徐', 14],
  ['孙', 14],
  ['胡', 13],
  ['朱', 13],
  ['高', 12],
  ['林', 11],
  ['何', 11],
  ['郭', 11],
  ['马', 11],
  ['罗', 9],
  ['梁', 9],
  ['宋', 8],
  ['郑', 8],
  ['谢', 7],
  ['韩', 7],
  ['唐', 7],
  ['冯', 7],
  ['于', 6],
  ['董', 6],
  ['萧', 6],
  ['程', 6],
  ['曹', 6],
  ['袁', 5],
  ['邓', 5],
  ['许', 5],
  ['傅', 5],
  ['沈', 5],
  ['曾', 5],
  ['彭', 5],
  ['吕', 5],
  ['苏', 4],
  ['卢', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['贾', 4],
  ['丁', 4],
  ['魏', 4],
  ['薛', 4],
  ['叶', 4],
  ['阎', 4],
  ['余', 3],
  ['潘', 3],
  ['杜', 3],
  ['戴', 3],
  ['夏', 3],
  ['钟', 3],
  ['汪', 3],
  ['田', 3],
  ['任', 3],
  ['姜', 3],
  ['范', 3],
  ['方', 3],
  ['石', 3],
  ['姚', 3],
  ['谭', 3],
  ['廖', 2],
  ['邹', 2],
  ['熊', 2],
  ['金', 2],
  ['陆', 2],
  ['郝', 2],
  ['孔', 2],
  ['白', 2],
  ['崔', 2],
  ['康', 2],
  ['毛', 2],
  ['邱', 2],
  ['秦', 2],
  ['江', 2],
  ['史', 2],
  ['欧阳', 1],
  ['司马', 0.3],
  ['上官', 0.2],
];
const GIVEN_FEMALE = [...'秀英华慧敏静丽娟艳芳霞燕玲红梅琳颖婷雪晶洁蕾倩璐佳欣怡雯瑶晓萍丹莉娜琴悦宁露月珊菲璇茜'];
const GIVEN_MALE = [...'伟强磊军勇杰涛明超刚平辉鹏华飞宇浩波斌健峰亮俊凯文博晨旭阳东成林龙海建志新'];
const GIVEN_ANY = [...'子一思雨嘉佳晨欣晓天志文海明安心诗梓若可乐'];

const TRADE_NAMES = [...'华信中科金桥恒通东方博远新元瑞丰天成宏达鼎盛永安益民嘉禾汇通正泰兴业润和德信鸿运卓越同创众合启明'];
const INDUSTRIES = [
  '科技',
  '贸易',
  '建设工程',
  '物流',
  '医药',
  '文化传媒',
  '餐饮管理',
  '信息技术',
  '企业管理咨询',
  '投资管理',
  '置业',
  '电子',
  '教育科技',
  '环保科技',
  '商贸',
  '机械设备',
  '食品',
  '会计服务',
];
const SCHOOLS = [
  '中央财经大学',
  '北京工商大学',
  '首都经济贸易大学',
  '对外经济贸易大学',
  '中国人民大学',
  '北京物资学院',
  '河北经贸大学',
  '河北大学',
  '天津财经大学',
  '东北财经大学',
  '上海财经大学',
  '西南财经大学',
  '中南财经政法大学',
  '江西财经大学',
  '山东财经大学',
  '北京财贸职业学院',
  '河北政法职业学院',
  '北京市财会学校',
];
const MAJORS = ['会计学', '财务管理', '审计学', '会计', '会计电算化', '金融学', '税收学', '经济学', '工商管理'];
const PROFESSIONAL_COURSES = [
  '企业会计准则解读',
  '政府会计制度',
  '管理会计实务',
  '内部控制',
  '税收政策解读',
  '财务报表分析',
  '会计信息化',
  '全面预算管理',
  '成本管理',
  '审计实务',
  '行政事业单位财务',
  '金融工具准则',
];
const GENERAL_COURSES = ['会计职业道德', '公需科目：法治建设', '公需科目：数字经济', '沟通与写作', '职业健康'];
const CE_PROVIDERS = [
  '北京国家会计学院',
  '上海国家会计学院',
  '厦门国家会计学院',
  '省会计学会',
  '市财政局会计继续教育中心',
  '中国会计视野网络学院',
];
const OTHER_PROVINCES = ['130000', '120000', '310000', '440000', '370000'];

// ---------------------------------------------------------------- the population

export interface PopulationOptions {
  count: number;
  provinceCode: string;
  /** Today, China Standard Time; ages, dates and the continuing-education years are relative to it. */
  today: IsoDate;
  seed?: number;
  /** People per batch; each batch is one transaction. */
  batchSize?: number;
  /** Called after each batch with the number of people inserted so far. */
  onProgress?: (inserted: number) => void;
  /**
   * Bulk-load through this database URL: each batch's tables are written with COPY, the derived-value
   * triggers deferred to one set-based "derived_backfill" of the batch's people in the same transaction
   * (migration 20261203000000_derived_bulk_load). Without it, each table is one INSERT and the triggers run.
   */
  copyUrl?: string;
}

export interface PopulationReport {
  people: number;
  educations: number;
  workInfos: number;
  studentInfos: number;
  qualifications: number;
  continuingEducations: number;
  talents: number;
  credits: number;
  /** Drawn ID numbers that were already taken and drawn again. */
  redrawn: number;
  seconds: number;
}

interface Unit {
  name: string;
  creditCode: string;
  kind: string;
  economicType: string | null;
  district: string;
}

const generatedEmail = `%@${GENERATED_EMAIL_DOMAIN}`;

export async function countGenerated(db: Db): Promise<number> {
  return db.person.count({ where: { email: { endsWith: `@${GENERATED_EMAIL_DOMAIN}` } } });
}

/** Deletes every generated person (their modules go with them: the foreign keys cascade). */
export async function removeGenerated(db: Db): Promise<number> {
  return db.$executeRaw`DELETE FROM "Person" WHERE email LIKE ${generatedEmail}`;
}

/** Area codes that can begin an ID number: the served province's districts, and anywhere else in China. */
function birthAreaCodes(provinceCode: string) {
  const local = districtsOf(provinceCode)
    .map((d) => d.code)
    .filter(isMainlandAreaCode);
  const elsewhere: string[] = [];
  for (const code of Object.keys(areaCodesFile.codes)) {
    if (code.endsWith('0000') || code.startsWith(provinceCode.slice(0, 2))) continue;
    // Counties are listed for some provinces; elsewhere any county under a listed prefecture is valid.
    const county = code.endsWith('00') ? `${code.slice(0, 4)}02` : code;
    if (isMainlandAreaCode(county)) elsewhere.push(county);
  }
  return { local, elsewhere: [...new Set(elsewhere)] };
}

/** Districts weighted like a province's economy: the listed (core) districts first carry more people. */
function districtWeights(districts: readonly District[]): (readonly [District, number])[] {
  return districts.map((d, i) => [d, 1 / Math.sqrt(i + 1)] as const);
}

function cityName(provinceCode: string, district: District): string {
  const prefecture = district.prefecture ? prefecturesOf(provinceCode).find((p) => p.code === district.prefecture) : undefined;
  const name = prefecture?.zh ?? provinceOf(provinceCode)?.zh ?? '';
  return name.replace(/(市|省|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Work units of each district, each with a unique, valid credit code. */
function drawUnits(
  draw: Draw,
  provinceCode: string,
  weighted: (readonly [District, number])[],
  total: number,
  seed: number,
): Map<string, Unit[]> {
  const byDistrict = new Map<string, Unit[]>();
  const sum = weighted.reduce((s, [, w]) => s + w, 0);
  const names = new Set<string>();
  let serial = seed * 7919;
  for (const [district, w] of weighted) {
    const n = Math.max(3, Math.round((total * w) / sum));
    const city = cityName(provinceCode, district);
    const units: Unit[] = [];
    for (let i = 0; i < n; i++) {
      let kind: string = draw.weighted([
        ['enterprise', 78],
        ['publicInstitution', 10],
        ['government', 5],
        ['socialOrganization', 3],
        ['privateNonEnterprise', 4],
      ] as const);
      let name = '';
      // Few bodies and institutions per district: once their names are taken, the unit is a company.
      for (let attempt = 0; attempt < 50 && (!name || names.has(name)); attempt++) {
        if (attempt >= 3) kind = 'enterprise';
        if (kind === 'enterprise')
          name = `${city}${draw.pick(TRADE_NAMES)}${draw.pick(TRADE_NAMES)}${draw.pick(INDUSTRIES)}${draw.pick(['有限公司', '有限公司', '有限责任公司', '股份有限公司'])}`;
        else if (kind === 'government')
          name = `${district.zh}${draw.pick(['财政局', '税务局', '教育委员会', '卫生健康委员会', '人力资源和社会保障局', '统计局', '审计局'])}`;
        else if (kind === 'publicInstitution')
          name = `${city}${district.zh}${draw.pick(['第一中学', '第二中学', '第一小学', '第二小学', '人民医院', '中医医院', '图书馆', '疾病预防控制中心', '社会福利院', '公共资源交易中心'])}`;
        else if (kind === 'socialOrganization')
          name = `${city}${draw.pick(TRADE_NAMES)}${draw.pick(['会计学会', '行业协会', '商会', '基金会'])}`;
        else name = `${city}${draw.pick(TRADE_NAMES)}${draw.pick(['培训学校', '养老服务中心', '社会工作服务中心'])}`;
      }
      if (names.has(name)) name = `${name}第${names.size}分公司`;
      names.add(name);
      const [authority, orgType] =
        kind === 'enterprise'
          ? ['9', '1']
          : kind === 'publicInstitution'
            ? ['1', '2']
            : kind === 'government'
              ? ['1', '1']
              : kind === 'socialOrganization'
                ? ['5', '1']
                : ['5', '2'];
      // The organisation code is a serial in the code's own alphabet, so no two units share one.
      let s = serial++;
      let body = '';
      for (let k = 0; k < 6; k++) {
        body = USCC_BODY[s % 31] + body;
        s = Math.floor(s / 31);
      }
      units.push({
        name,
        creditCode: makeUscc({ authority, orgType, areaCode: district.code, orgCode: `MA${body}` }),
        kind,
        economicType:
          kind === 'enterprise'
            ? draw.weighted([
                ['private', 60],
                ['stateOwned', 18],
                ['collective', 3],
                ['foreignInvested', 9],
                ['hkMacaoTaiwanInvested', 5],
                ['other', 5],
              ] as const)
            : null,
        district: district.code,
      });
    }
    byDistrict.set(district.code, units);
  }
  return byDistrict;
}

const EDUCATION_YEARS: Record<EducationLevel, number> = {
  juniorOrBelow: 3,
  seniorHigh: 3,
  secondaryVocational: 3,
  juniorCollege: 3,
  bachelor: 4,
  master: 3,
  doctor: 4,
};
const EDUCATION_START_AGE: Record<EducationLevel, number> = {
  juniorOrBelow: 12,
  seniorHigh: 15,
  secondaryVocational: 15,
  juniorCollege: 18,
  bachelor: 18,
  master: 22,
  doctor: 25,
};
const DEGREE_OF: Record<EducationLevel, string> = {
  juniorOrBelow: 'none',
  seniorHigh: 'none',
  secondaryVocational: 'none',
  juniorCollege: 'none',
  bachelor: 'bachelor',
  master: 'master',
  doctor: 'doctor',
};

type Row = Record<string, string | number | boolean | null | string[]>;
interface Batch {
  people: Row[];
  educations: Row[];
  works: Row[];
  students: Row[];
  qualifications: Row[];
  courses: Row[];
  talents: Row[];
  credits: Row[];
}

/** One column of the rows, as an array parameter. */
const col = (rows: Row[], key: string) => rows.map((r) => (r[key] === undefined ? null : r[key]));

/**
 * One batch in one transaction: each table is one INSERT of arrays unnested into rows, a handful of
 * parameters however many rows (Prisma's createMany spends far longer building statements).
 */
async function insertBatch(db: Db, b: Batch) {
  const p = b.people;
  const e = b.educations;
  const w = b.works;
  const s = b.students;
  const q = b.qualifications;
  const c = b.courses;
  const t = b.talents;
  const r = b.credits;
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "Person" ("id", "archiveNoHash", "archiveNoSealed", "archiveNoPrefix", "provinceCode", "districtCode", "status", "name", "sex",
                            "birthDate", "idType", "nationality", "ethnicity", "politicalStatus", "mobileSealed", "email", "address", "situation",
                            "districtBasis", "transferredTo", "transferredAt", "updatedAt")
      SELECT id, archive_hash, archive_sealed, archive_prefix, province, district, status::"PersonStatus", name, sex, birth, id_type, nationality,
             ethnicity, political, mobile_sealed, email, address, situation, basis, transferred_to, transferred_at, now()
        FROM unnest(${col(p, 'id')}::text[], ${col(p, 'archiveNoHash')}::text[], ${col(p, 'archiveNoSealed')}::text[], ${col(p, 'archiveNoPrefix')}::text[],
                    ${col(p, 'provinceCode')}::text[], ${col(p, 'districtCode')}::text[],
                    ${col(p, 'status')}::text[], ${col(p, 'name')}::text[], ${col(p, 'sex')}::text[], ${col(p, 'birthDate')}::date[],
                    ${col(p, 'idType')}::text[], ${col(p, 'nationality')}::text[], ${col(p, 'ethnicity')}::text[], ${col(p, 'politicalStatus')}::text[],
                    ${col(p, 'mobileSealed')}::text[], ${col(p, 'email')}::text[], ${col(p, 'address')}::text[], ${col(p, 'situation')}::text[],
                    ${col(p, 'districtBasis')}::text[], ${col(p, 'transferredTo')}::text[], ${col(p, 'transferredAt')}::timestamp[])
          AS u(id, archive_hash, archive_sealed, archive_prefix, province, district, status, name, sex, birth, id_type, nationality, ethnicity, political,
               mobile_sealed, email, address, situation, basis, transferred_to, transferred_at)`,
    db.$executeRaw`
      INSERT INTO "Education" ("id", "personId", "studyMode", "school", "level", "degree", "major", "enrolledOn", "graduatedOn")
      SELECT gen_random_uuid()::text, u.* FROM unnest(${col(e, 'personId')}::text[], ${col(e, 'studyMode')}::text[], ${col(e, 'school')}::text[],
             ${col(e, 'level')}::text[], ${col(e, 'degree')}::text[], ${col(e, 'major')}::text[], ${col(e, 'enrolledOn')}::date[], ${col(e, 'graduatedOn')}::date[]) AS u`,
    db.$executeRaw`
      INSERT INTO "WorkInfo" ("id", "personId", "unitName", "unitCreditCode", "unitKind", "economicType", "unitDistrict", "startedOn", "posts", "administrativePost")
      SELECT gen_random_uuid()::text, person, unit, code, kind, economic, district, started, string_to_array(posts, ','), post
        FROM unnest(${col(w, 'personId')}::text[], ${col(w, 'unitName')}::text[], ${col(w, 'unitCreditCode')}::text[], ${col(w, 'unitKind')}::text[],
                    ${col(w, 'economicType')}::text[], ${col(w, 'unitDistrict')}::text[], ${col(w, 'startedOn')}::date[],
                    ${w.map((x) => (x.posts as string[]).join(','))}::text[], ${col(w, 'administrativePost')}::text[])
          AS u(person, unit, code, kind, economic, district, started, posts, post)`,
    db.$executeRaw`
      INSERT INTO "StudentInfo" ("id", "personId", "school", "schoolDistrict", "studentNo", "enrolledOn", "expectedGraduation")
      SELECT gen_random_uuid()::text, u.* FROM unnest(${col(s, 'personId')}::text[], ${col(s, 'school')}::text[], ${col(s, 'schoolDistrict')}::text[],
             ${col(s, 'studentNo')}::text[], ${col(s, 'enrolledOn')}::date[], ${col(s, 'expectedGraduation')}::date[]) AS u`,
    db.$executeRaw`
      INSERT INTO "Qualification" ("id", "personId", "type", "level", "wayObtained", "obtainedOn", "certificateNo")
      SELECT gen_random_uuid()::text, u.* FROM unnest(${col(q, 'personId')}::text[], ${col(q, 'type')}::text[], ${col(q, 'level')}::text[],
             ${col(q, 'wayObtained')}::text[], ${col(q, 'obtainedOn')}::date[], ${col(q, 'certificateNo')}::text[]) AS u`,
    db.$executeRaw`
      INSERT INTO "ContinuingEducation" ("id", "personId", "year", "course", "credits", "professional", "provider", "completedOn", "source")
      SELECT gen_random_uuid()::text, u.* FROM unnest(${col(c, 'personId')}::text[], ${col(c, 'year')}::int[], ${col(c, 'course')}::text[],
             ${col(c, 'credits')}::numeric[], ${col(c, 'professional')}::boolean[], ${col(c, 'provider')}::text[], ${col(c, 'completedOn')}::date[],
             ${col(c, 'source')}::text[]) AS u`,
    db.$executeRaw`
      INSERT INTO "HighEndTalent" ("id", "personId", "type", "year")
      SELECT gen_random_uuid()::text, u.* FROM unnest(${col(t, 'personId')}::text[], ${col(t, 'type')}::text[], ${col(t, 'year')}::int[]) AS u`,
    db.$executeRaw`
      INSERT INTO "CreditRecord" ("id", "personId", "kind", "occurredOn", "issuer", "documentNo", "description")
      SELECT gen_random_uuid()::text, person, kind::"CreditKind", occurred, issuer, document, description
        FROM unnest(${col(r, 'personId')}::text[], ${col(r, 'kind')}::text[], ${col(r, 'occurredOn')}::date[], ${col(r, 'issuer')}::text[],
                    ${col(r, 'documentNo')}::text[], ${col(r, 'description')}::text[]) AS u(person, kind, occurred, issuer, document, description)`,
  ]);
}

/** One value in COPY's text format. */
function copyValue(v: Row[string] | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return `{${v.join(',')}}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

const COPY_COLUMNS: Record<keyof Batch, [table: string, columns: string[]]> = {
  people: [
    'Person',
    [
      'id',
      'archiveNoHash',
      'archiveNoSealed',
      'archiveNoPrefix',
      'provinceCode',
      'districtCode',
      'status',
      'name',
      'sex',
      'birthDate',
      'idType',
      'nationality',
      'ethnicity',
      'politicalStatus',
      'mobileSealed',
      'email',
      'address',
      'situation',
      'districtBasis',
      'transferredTo',
      'transferredAt',
      'updatedAt',
    ],
  ],
  educations: ['Education', ['id', 'personId', 'studyMode', 'school', 'level', 'degree', 'major', 'enrolledOn', 'graduatedOn']],
  works: [
    'WorkInfo',
    [
      'id',
      'personId',
      'unitName',
      'unitCreditCode',
      'unitKind',
      'economicType',
      'unitDistrict',
      'startedOn',
      'posts',
      'administrativePost',
    ],
  ],
  students: ['StudentInfo', ['id', 'personId', 'school', 'schoolDistrict', 'studentNo', 'enrolledOn', 'expectedGraduation']],
  qualifications: ['Qualification', ['id', 'personId', 'type', 'level', 'wayObtained', 'obtainedOn', 'certificateNo']],
  courses: ['ContinuingEducation', ['id', 'personId', 'year', 'course', 'credits', 'professional', 'provider', 'completedOn', 'source']],
  talents: ['HighEndTalent', ['id', 'personId', 'type', 'year']],
  credits: ['CreditRecord', ['id', 'personId', 'kind', 'occurredOn', 'issuer', 'documentNo', 'description']],
};

/**
 * One batch in one transaction, each table one COPY (people first: the modules reference them). The
 * insert triggers of the derived values are skipped for this transaction only, and the values are
 * computed once for the batch's people before it commits, so no reader ever sees them missing.
 */
async function copyBatch(client: pg.Client, b: Batch) {
  const updatedAt = new Date().toISOString();
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL acct.derived_deferred = 'on'`);
    for (const key of Object.keys(COPY_COLUMNS) as (keyof Batch)[]) {
      const rows = b[key];
      if (!rows.length) continue;
      const [table, columns] = COPY_COLUMNS[key];
      const withId = (r: Row): Row => (r.id === undefined ? { ...r, id: randomUUID(), updatedAt } : { ...r, updatedAt });
      const text = rows.map((r) => {
        const row = withId(r);
        return `${columns.map((c) => copyValue(row[c])).join('\t')}\n`;
      });
      await pipeline(
        Readable.from([text.join('')]),
        client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`)),
      );
    }
    await client.query('SELECT "derived_backfill"($1::text[])', [b.people.map((p) => p.id)]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/**
 * Inserts `count` more generated people in batches (multi-row INSERTs, one transaction per batch).
 * ID numbers already in the database are drawn again, so it can top up an existing population.
 * ID and mobile numbers are stored as the system stores them: sealed, the archive number with its
 * keyed hash (computed once per drawn number, for the clash check and the row alike).
 */
export async function generatePopulation(db: Db, personalData: PersonalData, opts: PopulationOptions): Promise<PopulationReport> {
  const t0 = performance.now();
  const seed = opts.seed ?? 2026;
  const batchSize = opts.batchSize ?? 2000;
  const draw = new Draw(seededRandom(seed));
  const today = opts.today;
  const thisYear = Number(today.slice(0, 4));
  const districts = districtWeights(districtsOf(opts.provinceCode));
  const units = drawUnits(draw, opts.provinceCode, districts, Math.max(20, Math.round(opts.count / 12)), seed);
  const areas = birthAreaCodes(opts.provinceCode);
  const provinceName = provinceOf(opts.provinceCode)?.zh ?? '';
  const otherProvinces = OTHER_PROVINCES.filter((p) => p !== opts.provinceCode && provinces().some((x) => x.code === p));
  const report: PopulationReport = {
    people: 0,
    educations: 0,
    workInfos: 0,
    studentInfos: 0,
    qualifications: 0,
    continuingEducations: 0,
    talents: 0,
    credits: 0,
    redrawn: 0,
    seconds: 0,
  };
  const taken = new Set<string>();
  let serial = (await countGenerated(db)) + 1;
  const copier = opts.copyUrl ? new pg.Client({ connectionString: opts.copyUrl }) : undefined;
  await copier?.connect();
  try {
    while (report.people < opts.count) {
      const n = Math.min(batchSize, opts.count - report.people);
      const batch: Batch = {
        people: [],
        educations: [],
        works: [],
        students: [],
        qualifications: [],
        courses: [],
        talents: [],
        credits: [],
      };
      const { people, educations, works, students, qualifications, courses, talents, credits } = batch;
      // Dates stay ISO text; the INSERTs cast them.
      const day = (iso: IsoDate) => iso;

      // Draw the batch's identities first, so the ones already in the database can be drawn again.
      type Identity = {
        idType: string;
        archiveNo: string;
        archiveNoHash: string;
        nationality: string;
        birthDate: IsoDate;
        sex: 'male' | 'female';
      };
      const drawIdentity = (situation: string): Identity => {
        const drawn = drawNumber(situation);
        return { ...drawn, archiveNoHash: personalData.lookup('idNumber', drawn.archiveNo) };
      };
      const drawNumber = (situation: string): Omit<Identity, 'archiveNoHash'> => {
        const sex = draw.chance(0.72) ? 'female' : 'male';
        const age = situation === 'qualifiedStudent' ? draw.int(19, 26) : Math.round(Math.min(66, Math.max(21, draw.normal(39, 10))));
        const birthDate = draw.dateBetween(addYears(today, -age - 1), addYears(today, -age));
        // An odd sequence is a man, an even one a woman (GB 11643).
        const sequence = draw.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
        const kind = draw.weighted([
          ['mainlandId', 994],
          ['residencePermit', 4],
          ['passport', 2],
        ] as const);
        if (kind === 'residencePermit') {
          const region = draw.pick(['HKG', 'MAC', 'TWN'] as const);
          return { idType: kind, archiveNo: makeResidencePermitNumber(region, birthDate, sequence), nationality: region, birthDate, sex };
        }
        if (kind === 'passport') {
          const nationality = draw.pick(['USA', 'GBR', 'JPN', 'KOR', 'SGP', 'CAN', 'AUS', 'DEU']);
          return {
            idType: kind,
            archiveNo: `${draw.pick(['E', 'G', 'P', 'K'])}${String(draw.int(10_000_000, 99_999_999))}`,
            nationality,
            birthDate,
            sex,
          };
        }
        const area = draw.chance(0.62) ? draw.pick(areas.local) : draw.pick(areas.elsewhere);
        return { idType: kind, archiveNo: makeMainlandId(area, birthDate, sequence), nationality: 'CHN', birthDate, sex };
      };
      const situations = Array.from({ length: n }, () =>
        draw.weighted([
          ['accountingWork', 88],
          ['qualifiedNotWorking', 10],
          ['qualifiedStudent', 2],
        ] as const),
      );
      let identities = situations.map(drawIdentity);
      for (;;) {
        const seen = new Set<string>();
        const clash = new Set(
          (
            await db.$queryRaw<
              { hash: string }[]
            >`SELECT "archiveNoHash" AS hash FROM "Person" WHERE "archiveNoHash" = ANY(${identities.map((i) => i.archiveNoHash)}::text[])`
          ).map((p) => p.hash),
        );
        const redo: number[] = [];
        identities.forEach((id, i) => {
          if (clash.has(id.archiveNoHash) || taken.has(id.archiveNo) || seen.has(id.archiveNo)) redo.push(i);
          seen.add(id.archiveNo);
        });
        if (redo.length === 0) break;
        report.redrawn += redo.length;
        identities = identities.map((id, i) => (redo.includes(i) ? drawIdentity(situations[i]!) : id));
      }
      for (const id of identities) taken.add(id.archiveNo);

      identities.forEach((identity, i) => {
        const situation = situations[i]!;
        const personId = randomUUID();
        const { birthDate, sex } = identity;
        const birthYear = Number(birthDate.slice(0, 4));
        const age = thisYear - birthYear;
        const district = draw.weighted(districts);
        const given =
          (sex === 'female' ? draw.pick(GIVEN_FEMALE) : draw.pick(GIVEN_MALE)) +
          (draw.chance(0.7)
            ? draw.chance(0.5)
              ? draw.pick(GIVEN_ANY)
              : sex === 'female'
                ? draw.pick(GIVEN_FEMALE)
                : draw.pick(GIVEN_MALE)
            : '');
        const name =
          identity.idType === 'passport'
            ? draw.pick(['John Smith', 'Emily Brown', 'Sato Yuki', 'Kim Minjun', 'Tan Wei Ming', 'Anna Müller'])
            : draw.weighted(SURNAMES) + given;
        const transferred = situation === 'accountingWork' && draw.chance(0.01);
        people.push({
          id: personId,
          archiveNoHash: identity.archiveNoHash,
          archiveNoSealed: personalData.seal('idNumber', identity.archiveNo),
          archiveNoPrefix: identity.archiveNo.slice(0, 6),
          provinceCode: opts.provinceCode,
          districtCode: district.code,
          status: transferred ? 'transferredOut' : 'active',
          name,
          sex,
          birthDate: day(birthDate),
          idType: identity.idType,
          nationality: identity.nationality,
          ethnicity:
            identity.nationality === 'CHN'
              ? draw.weighted([
                  ['han', 94],
                  ['manchu', 2],
                  ['hui', 2],
                  ['mongol', 1],
                  ['korean', 1],
                ] as const)
              : null,
          politicalStatus: draw.weighted([
            ['masses', 55],
            ['cpcMember', 30],
            ['cylMember', 12],
            ['nonPartisan', 1],
            ['cndcaMember', 1],
            ['jiusanMember', 1],
          ] as const),
          mobileSealed: personalData.seal(
            'mobile',
            `1${draw.pick(['3', '5', '7', '8', '9'])}${String(draw.int(0, 999_999_999)).padStart(9, '0')}`,
          ),
          email: `p${String(serial++).padStart(7, '0')}@${GENERATED_EMAIL_DOMAIN}`,
          address: `${provinceName}${district.zh}${draw.pick(TRADE_NAMES)}${draw.pick(['路', '街', '大街', '胡同'])}${draw.int(1, 300)}号`,
          situation,
          districtBasis:
            situation === 'accountingWork'
              ? 'workUnit'
              : situation === 'qualifiedStudent'
                ? 'school'
                : draw.pick(['householdRegistration', 'residence']),
          transferredTo: transferred ? draw.pick(otherProvinces.length ? otherProvinces : ['130000']) : null,
          transferredAt: transferred ? day(draw.dateBetween(addYears(today, -3), today)) : null,
        });

        // Education: the highest level reachable at this age, sometimes after a lower one (a part-time upgrade).
        // Students are still studying for their highest level.
        const student = situation === 'qualifiedStudent';
        const graduation = (level: EducationLevel, startAge = EDUCATION_START_AGE[level]) =>
          `${birthYear + startAge + EDUCATION_YEARS[level]}-07-01`;
        let highest: EducationLevel = student
          ? age < 23
            ? 'bachelor'
            : age < 26
              ? 'master'
              : 'doctor'
          : draw.weighted([
              ['juniorOrBelow', 0.5],
              ['seniorHigh', 2.5],
              ['secondaryVocational', 6],
              ['juniorCollege', 29],
              ['bachelor', 51],
              ['master', 10],
              ['doctor', 1],
            ] as const);
        while (!student && graduation(highest) > today)
          highest = educationLevels[educationLevels.findIndex((l) => l.code === highest) - 1]!.code;
        let levels: EducationLevel[] = [highest];
        if (highest === 'bachelor' && draw.chance(0.2)) levels = ['juniorCollege', 'bachelor'];
        if (highest === 'master') levels = ['bachelor', 'master'];
        if (highest === 'doctor') levels = ['bachelor', 'master', 'doctor'];
        const timeline: { level: EducationLevel; startAge: number }[] = [];
        let nextStart = 0;
        for (const level of levels) {
          const startAge = Math.max(nextStart, EDUCATION_START_AGE[level]);
          timeline.push({ level, startAge });
          nextStart = startAge + EDUCATION_YEARS[level];
        }
        // A chain that would end after today is shortened to the highest level alone, on the usual timing.
        const finished = timeline.every((t) => (student && t.level === highest) || graduation(t.level, t.startAge) <= today);
        let lastGraduation = addYears(birthDate, 18);
        for (const { level, startAge } of finished ? timeline : [{ level: highest, startAge: EDUCATION_START_AGE[highest] }]) {
          const studying = student && level === highest;
          const graduated = studying ? `${thisYear + draw.int(0, 2)}-07-01` : graduation(level, startAge);
          educations.push({
            personId,
            studyMode: level === 'bachelor' && levels[0] === 'juniorCollege' ? 'partTime' : 'fullTime',
            school: draw.pick(SCHOOLS),
            level,
            degree: DEGREE_OF[level],
            major: draw.pick(MAJORS),
            enrolledOn: day(studying ? `${thisYear - draw.int(1, 2)}-09-01` : `${birthYear + startAge}-09-01`),
            graduatedOn: day(graduated),
            diplomaNo: null,
            degreeCertificateNo: null,
          });
          if (!studying) lastGraduation = graduated;
        }

        const career = lastGraduation < today ? lastGraduation : addYears(birthDate, 22);
        if (situation === 'accountingWork') {
          const pool = units.get(district.code)!;
          const unit = pool[Math.floor(draw.random() ** 1.6 * pool.length)]!; // some units are large
          const senior = age >= 45 ? 0.5 : age >= 35 ? 0.25 : 0.05;
          works.push({
            personId,
            unitName: unit.name,
            unitCreditCode: unit.creditCode,
            unitKind: unit.kind,
            economicType: unit.economicType,
            unitDistrict: unit.district,
            startedOn: day(draw.dateBetween(career, addYears(career, 2) < today ? addYears(career, 2) : today)),
            posts: [...new Set([draw.pick(accountingPosts).code, draw.pick(accountingPosts).code])],
            administrativePost: draw.chance(senior)
              ? draw.weighted([
                  ['supervisor', 6],
                  ['head', 3],
                  ['chief', 1],
                ] as const)
              : administrativePosts[0].code,
          });
        }
        if (situation === 'qualifiedStudent') {
          students.push({
            personId,
            school: draw.pick(SCHOOLS),
            schoolDistrict: district.code,
            studentNo: String(draw.int(20_000_000, 29_999_999)),
            enrolledOn: day(`${thisYear - draw.int(1, 3)}-09-01`),
            expectedGraduation: day(`${thisYear + draw.int(0, 2)}-07-01`),
          });
        }

        // Qualifications: everyone not working holds one; the older, the higher. Higher levels keep the lower certificates.
        const yearsOut = Math.max(0, thisYear - Number(career.slice(0, 4)));
        const top: QualificationLevel | null =
          situation !== 'accountingWork' || draw.chance(0.74)
            ? yearsOut >= 15
              ? draw.weighted([
                  ['junior', 25],
                  ['intermediate', 48],
                  ['senior', 24],
                  ['professorSenior', 3],
                ] as const)
              : yearsOut >= 6
                ? draw.weighted([
                    ['junior', 55],
                    ['intermediate', 40],
                    ['senior', 5],
                  ] as const)
                : 'junior'
            : null;
        if (top) {
          const ladder: QualificationLevel[] = ['junior', 'intermediate', 'senior', 'professorSenior'];
          const held = ladder.slice(draw.chance(0.4) ? 0 : ladder.indexOf(top), ladder.indexOf(top) + 1);
          let from = addYears(birthDate, 20) > today ? today : addYears(birthDate, 20);
          held.forEach((level, k) => {
            const obtained = draw.dateBetween(from, addYears(from, 4) < today ? addYears(from, 4) : today);
            qualifications.push({
              personId,
              type: 'accounting',
              level,
              wayObtained: level === 'senior' || level === 'professorSenior' ? 'examAndReview' : 'exam',
              obtainedOn: day(obtained),
              certificateNo: `${level[0]!.toUpperCase()}${obtained.slice(0, 4)}${district.code}${String(k)}${String(draw.int(0, 99_999)).padStart(5, '0')}`,
            });
            from = obtained;
          });
        }

        // Continuing education: last year mostly done, this year under way.
        for (const [year, p, pComplete] of [
          [thisYear - 1, 0.72, 0.78],
          [thisYear, 0.45, 0.25],
        ] as const) {
          if (situation === 'qualifiedStudent' || !draw.chance(p)) continue;
          const complete = draw.chance(pComplete);
          const total = complete ? REQUIRED_CREDITS + draw.int(0, 4) * 6 : draw.int(2, 14) * 6;
          const professional = Math.min(
            total,
            Math.round(
              (total *
                draw.weighted([
                  [0.8, 6],
                  [0.7, 3],
                  [0.6, 1],
                ] as const)) /
                6,
            ) * 6,
          );
          const general = total - professional;
          const split = (sum: number, list: readonly string[], isProfessional: boolean) => {
            const parts = sum === 0 ? 0 : sum <= 24 ? 1 : draw.int(2, 3);
            const names = [...list].sort(() => draw.random() - 0.5).slice(0, parts);
            let left = sum;
            names.forEach((course, k) => {
              const credit = k === names.length - 1 ? left : Math.max(6, Math.round(left / (names.length - k) / 6) * 6);
              left -= credit;
              const lastDay = year === thisYear ? today : `${year}-12-31`;
              courses.push({
                personId,
                year,
                course,
                credits: credit,
                professional: isProfessional,
                provider: draw.pick(CE_PROVIDERS),
                completedOn: day(draw.dateBetween(`${year}-01-01`, lastDay)),
                source: 'generated',
              });
            });
          };
          split(professional, PROFESSIONAL_COURSES, true);
          split(general, GENERAL_COURSES, false);
        }

        if (yearsOut >= 10 && draw.chance(0.004)) {
          talents.push({
            personId,
            type: draw.chance(0.7) ? 'leading' : 'international',
            year: draw.int(Math.max(2005, thisYear - yearsOut + 8), thisYear - 1),
          });
        }
        if (draw.chance(0.012)) {
          const untrustworthy = draw.chance(0.25);
          const when = draw.dateBetween(addYears(today, -8), today);
          credits.push({
            personId,
            kind: untrustworthy ? 'untrustworthy' : 'trustworthy',
            occurredOn: day(when),
            issuer: untrustworthy ? `${provinceName}财政局` : `${provinceName}${draw.pick(['财政局', '会计学会', '总会计师协会'])}`,
            documentNo: `${untrustworthy ? '财罚' : '财表'}〔${when.slice(0, 4)}〕${draw.int(1, 200)}号`,
            description: untrustworthy
              ? draw.pick(['未按规定设置会计账簿，处以罚款', '伪造会计凭证，处以罚款', '提供虚假财务会计报告，处以警告'])
              : draw.pick(['先进会计工作者', '优秀会计人员', '会计知识大赛一等奖']),
          });
        }
      });

      await (copier ? copyBatch(copier, batch) : insertBatch(db, batch));
      report.people += people.length;
      report.educations += educations.length;
      report.workInfos += works.length;
      report.studentInfos += students.length;
      report.qualifications += qualifications.length;
      report.continuingEducations += courses.length;
      report.talents += talents.length;
      report.credits += credits.length;
      opts.onProgress?.(report.people);
    }
  } finally {
    await copier?.end();
  }
  // Each batch added its own rows of differences to the statistics tallies: folded into one per group, and the
  // tallies rewritten without the space the folded rows held (a few thousand rows, where a million were added).
  await compactTallies(db);
  await db.$executeRaw`VACUUM (FULL, ANALYZE) "PersonTally", "PersonLevelTally", "ContinuingEducationTally"`;
  report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return report;
}
