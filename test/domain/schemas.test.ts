import { describe, expect, it } from 'vitest';
import { UnknownProvinceError } from '../../domain/districts.ts';
import { makeMainlandId, makeResidencePermitNumber } from '../../domain/identity.ts';
import { checkJurisdiction } from '../../domain/jurisdiction.ts';
import { makeCollectionFormSchema, makeFormPartSchemas, toViolations, validate } from '../../domain/schemas/index.ts';
import { makeUscc } from '../../domain/uscc.ts';

const TODAY = '2025-06-30';
const BIRTH = '1990-03-07';
const ID = makeMainlandId('110105', BIRTH, 123); // odd sequence: male
const USCC = makeUscc({ areaCode: '110105', orgCode: 'MA01ABCD' });

type Json = Record<string, any>;

function workingForm(province = '110000'): Json {
  const district = province === '110000' ? '110105' : '130102';
  return {
    situation: 'accountingWork',
    basic: {
      name: '张三',
      sex: 'male',
      birthDate: BIRTH,
      idType: 'mainlandId',
      idNumber: ID,
      nationality: 'CHN',
      ethnicity: 'han',
      politicalStatus: 'masses',
      mobile: '13812345678',
      email: 'zhangsan@example.com',
      address: '北京市朝阳区建国路1号',
    },
    education: [
      {
        studyMode: 'fullTime',
        school: '北京大学',
        level: 'bachelor',
        degree: 'bachelor',
        major: '会计学',
        enrolledOn: '2008-09-01',
        graduatedOn: '2012-07-01',
      },
    ],
    work: {
      unitName: '北京某某科技有限公司',
      unitCreditCode: USCC,
      unitKind: 'enterprise',
      economicType: 'private',
      unitDistrict: district,
      startedOn: '2012-08-01',
      posts: ['cashier', 'financialReporting'],
      administrativePost: 'general',
    },
    qualifications: [
      { type: 'accounting', level: 'intermediate', wayObtained: 'exam', obtainedOn: '2016-10-15', certificateNo: 'Z2016110000123' },
    ],
    district: { code: district, basis: 'workUnit' },
  };
}

function notWorkingForm(basis = 'residence'): Json {
  const f = workingForm();
  delete f.work;
  return { ...f, situation: 'qualifiedNotWorking', district: { code: '110108', basis } };
}

function studentForm(): Json {
  const f = workingForm();
  delete f.work;
  return {
    ...f,
    situation: 'qualifiedStudent',
    student: { school: '中国人民大学', schoolDistrict: '110108', enrolledOn: '2023-09-01', expectedGraduation: '2027-07-01' },
    district: { code: '110108', basis: 'school' },
  };
}

const beijing = makeCollectionFormSchema({ provinceCode: '110000', today: TODAY });
const hebei = makeCollectionFormSchema({ provinceCode: '130000', today: TODAY });

function check(form: Json, schema = beijing) {
  const r = validate(schema, form);
  return r.ok ? [] : r.violations;
}
const pairs = (form: Json, schema = beijing) => check(form, schema).map((v) => [v.rule, v.path]);

describe('a complete form', () => {
  it.each([
    ['doing accounting work', workingForm()],
    ['qualified, not working, by residence', notWorkingForm('residence')],
    ['qualified, not working, by household registration', notWorkingForm('householdRegistration')],
    ['a qualified student', studentForm()],
  ])('passes for someone %s', (_name, form) => {
    expect(check(form)).toEqual([]);
  });

  it('normalises the ID number and the credit code', () => {
    const f = workingForm();
    f.basic.idNumber = ` ${makeMainlandId('110105', '1949-12-31', 2).slice(0, 17)}x `.replace(
      'x',
      makeMainlandId('110105', '1949-12-31', 2)[17]!.toLowerCase(),
    );
    f.basic.birthDate = '1949-12-31';
    f.basic.sex = 'female';
    f.work.unitCreditCode = USCC.toLowerCase();
    f.education[0].enrolledOn = '1966-09-01';
    f.education[0].graduatedOn = '1970-07-01';
    f.work.startedOn = '1970-08-01';
    const r = validate(beijing, f);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.basic.idNumber).toBe(makeMainlandId('110105', '1949-12-31', 2));
      expect(r.data.work?.unitCreditCode).toBe(USCC);
    }
  });

  it('is not tied to Beijing: a Hebei form passes in a Hebei deployment and not in Beijing’s', () => {
    expect(check(workingForm('130000'), hebei)).toEqual([]);
    expect(pairs(workingForm('130000'), beijing)).toEqual([
      ['district.notInProvince', 'work.unitDistrict'],
      ['district.notInProvince', 'district.code'],
    ]);
  });

  it('refuses to be made for a province without a district list', () => {
    expect(() => makeCollectionFormSchema({ provinceCode: '320000', today: TODAY })).toThrow(UnknownProvinceError);
  });
});

describe('which district handles a person', () => {
  it('doing accounting work: the district of the work unit', () => {
    const f = workingForm();
    f.district.code = '110108';
    expect(pairs(f)).toEqual([['district.wrongJurisdiction', 'district.code']]);
    const [v] = check(f);
    expect(v!.zh).toContain('海淀区（110108）');
    expect(v!.zh).toContain('朝阳区（110105）');
    f.district.basis = 'residence';
    expect(pairs(f)).toEqual([
      ['district.wrongBasis', 'district.basis'],
      ['district.wrongJurisdiction', 'district.code'],
    ]);
  });

  it('qualified and not working: household registration or residence, not a work unit or school', () => {
    expect(check(notWorkingForm('householdRegistration'))).toEqual([]);
    expect(check(notWorkingForm('residence'))).toEqual([]);
    expect(pairs(notWorkingForm('workUnit'))).toEqual([['district.wrongBasis', 'district.basis']]);
    expect(pairs(notWorkingForm('school'))).toEqual([['district.wrongBasis', 'district.basis']]);
  });

  it('a qualified student: the district of the school', () => {
    const f = studentForm();
    f.district.code = '110105';
    expect(pairs(f)).toEqual([['district.wrongJurisdiction', 'district.code']]);
    const g = studentForm();
    g.district.basis = 'residence';
    expect(pairs(g)).toEqual([['district.wrongBasis', 'district.basis']]);
  });

  it('the district must be one of the province’s current districts', () => {
    for (const code of ['130102', '110103', '110000', '999999']) {
      const f = notWorkingForm();
      f.district.code = code;
      expect(pairs(f), code).toEqual([['district.notInProvince', 'district.code']]);
    }
    const f = workingForm();
    f.work.unitDistrict = '310101';
    f.district.code = '310101';
    expect(pairs(f)).toEqual([
      ['district.notInProvince', 'work.unitDistrict'],
      ['district.notInProvince', 'district.code'],
    ]);
  });

  it('is also available outside the form', () => {
    expect(
      checkJurisdiction({
        provinceCode: '110000',
        situation: 'accountingWork',
        district: { code: '110101', basis: 'workUnit' },
        workUnitDistrict: '110102',
      }).map((v) => v.rule),
    ).toEqual(['district.wrongJurisdiction']);
    expect(
      checkJurisdiction({ provinceCode: '110000', situation: 'qualifiedNotWorking', district: { code: '110101', basis: 'residence' } }),
    ).toEqual([]);
  });
});

describe('identity within the form', () => {
  it('birth date and sex must agree with the ID number', () => {
    const f = workingForm();
    f.basic.birthDate = '1990-03-08';
    f.basic.sex = 'female';
    expect(pairs(f)).toEqual([
      ['identity.birthDateMismatch', 'basic.birthDate'],
      ['identity.sexMismatch', 'basic.sex'],
    ]);
  });

  it('a mistyped ID number is found, together with unrelated mistakes', () => {
    const f = workingForm();
    f.basic.idNumber = ID.slice(0, 16) + ((Number(ID[16]) + 2) % 10) + ID[17];
    f.basic.mobile = '1381234567';
    expect(pairs(f)).toEqual([
      ['contact.mobile', 'basic.mobile'],
      ['identity.checksum', 'basic.idNumber'],
    ]);
  });

  it('a Hong Kong resident with a residence permit needs no ethnic group', () => {
    const f = notWorkingForm();
    f.basic = { ...f.basic, idType: 'residencePermit', idNumber: makeResidencePermitNumber('HKG', BIRTH, 123), nationality: 'HKG' };
    delete f.basic.ethnicity;
    delete f.basic.politicalStatus;
    expect(check(f)).toEqual([]);
  });

  it('a foreigner with a passport', () => {
    const f = notWorkingForm();
    f.basic = { ...f.basic, idType: 'passport', idNumber: 'e12345678', nationality: 'usa' };
    delete f.basic.ethnicity;
    expect(check(f)).toEqual([]);
    f.basic.nationality = 'CHN';
    expect(pairs(f)).toEqual([['identity.nationality', 'basic.nationality']]);
  });

  it('a holder of a mainland ID gives ethnic group and political status', () => {
    const f = workingForm();
    delete f.basic.ethnicity;
    delete f.basic.politicalStatus;
    expect(pairs(f)).toEqual([
      ['form.required', 'basic.ethnicity'],
      ['form.required', 'basic.politicalStatus'],
    ]);
  });
});

describe('field rules', () => {
  it.each([
    ['mobile', '12812345678', 'contact.mobile'],
    ['mobile', '138 1234 5678', 'contact.mobile'],
    ['mobile', '+8613812345678', 'contact.mobile'],
    ['email', 'zhangsan@', 'contact.email'],
    ['email', 'zhang san@example.com', 'contact.email'],
  ])('basic.%s %j breaks %s', (field, value, rule) => {
    const f = workingForm();
    f.basic[field] = value;
    expect(pairs(f)).toEqual([[rule, `basic.${field}`]]);
  });

  it('dates are real calendar dates in the form YYYY-MM-DD', () => {
    for (const bad of ['2012-02-30', '2012-13-01', '2012/07/01', '20120701', '']) {
      const f = workingForm();
      f.education[0].graduatedOn = bad;
      expect(pairs(f), bad).toEqual([['date.format', 'education.0.graduatedOn']]);
    }
  });

  it('no date lies after today, except an expected graduation', () => {
    const f = workingForm();
    f.education[0].graduatedOn = '2025-07-01';
    expect(pairs(f)).toEqual([['date.future', 'education.0.graduatedOn']]);
    f.education[0].graduatedOn = TODAY;
    expect(check(f)).toEqual([]);
    expect(check(studentForm())).toEqual([]);
  });

  it('"today" comes from the caller: the same form is valid later and not earlier', () => {
    const f = workingForm();
    f.qualifications[0].obtainedOn = '2025-06-30';
    expect(check(f, makeCollectionFormSchema({ provinceCode: '110000', today: '2025-06-30' }))).toEqual([]);
    expect(pairs(f, makeCollectionFormSchema({ provinceCode: '110000', today: '2025-06-29' }))).toEqual([
      ['date.future', 'qualifications.0.obtainedOn'],
    ]);
  });

  it('enrolment comes before graduation', () => {
    const f = workingForm();
    f.education[0].enrolledOn = '2012-07-01';
    expect(pairs(f)).toEqual([['education.order', 'education.0.graduatedOn']]);
    const s = studentForm();
    s.student.expectedGraduation = '2023-01-01';
    expect(pairs(s)).toEqual([['education.order', 'student.expectedGraduation']]);
  });

  it('a qualification is obtained at 16 or later', () => {
    const f = workingForm();
    f.qualifications[0].obtainedOn = '2006-03-06';
    expect(pairs(f)).toEqual([['qualification.age', 'qualifications.0.obtainedOn']]);
    f.qualifications[0].obtainedOn = '2006-03-07';
    expect(check(f)).toEqual([]);
  });

  it('accounting work starts at 16 or later', () => {
    const f = workingForm();
    f.work.startedOn = '2006-03-06';
    expect(pairs(f)).toEqual([['work.startAge', 'work.startedOn']]);
    f.work.startedOn = '2006-03-07';
    expect(check(f)).toEqual([]);
  });

  it('the work unit’s unified social credit code is checked', () => {
    const f = workingForm();
    f.work.unitCreditCode = USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0');
    expect(pairs(f)).toEqual([['uscc.checksum', 'work.unitCreditCode']]);
  });

  it('accounting posts: at least one, each once', () => {
    const f = workingForm();
    f.work.posts = [];
    expect(pairs(f)).toEqual([['work.posts', 'work.posts']]);
    f.work.posts = ['cashier', 'cashier'];
    expect(pairs(f)).toEqual([['work.posts', 'work.posts']]);
    f.work.posts = ['treasurer'];
    expect(pairs(f)).toEqual([['form.option', 'work.posts.0']]);
  });
});

describe('what each situation must fill in', () => {
  it('doing accounting work: the work part', () => {
    const f = workingForm();
    delete f.work;
    expect(pairs(f)).toEqual([['work.required', 'work']]);
  });

  it('not working or a student: at least one qualification', () => {
    for (const f of [notWorkingForm(), studentForm()]) {
      f.qualifications = [];
      expect(pairs(f)).toEqual([['qualification.required', 'qualifications']]);
    }
  });

  it('a student: the school', () => {
    const f = studentForm();
    delete f.student;
    expect(pairs(f)).toEqual([['student.required', 'student']]);
  });

  it('everyone: at least one education entry', () => {
    const f = workingForm();
    f.education = [];
    expect(pairs(f)).toEqual([['education.required', 'education']]);
  });
});

describe('toViolations', () => {
  it('gives zod’s own issues a rule and a message naming the field', () => {
    const f = workingForm();
    delete f.basic.name;
    f.basic.sex = 'unknown';
    f.education[0].school = '   ';
    f.qualifications[0].level = 'expert';
    const v = check(f);
    expect(v.map((x) => [x.rule, x.path])).toEqual([
      ['form.required', 'basic.name'],
      ['form.option', 'basic.sex'],
      ['form.required', 'education.0.school'],
      ['form.option', 'qualifications.0.level'],
    ]);
    expect(v[0]).toMatchObject({ zh: '姓名：必填，请填写', en: 'Name: is required' });
    expect(v[2]!.zh).toBe('学历学位第1条·学校名称：不能为空，请填写');
    expect(v[3]!.en).toBe('Qualification #1 · Qualification level: is not one of the allowed values; choose one from the list');
  });

  it('every violation of a badly filled form has a rule, a path and both languages', () => {
    const v = check({ situation: 'nothing', basic: {}, education: [{}], work: {}, qualifications: [{}], district: {} });
    expect(v.length).toBeGreaterThan(10);
    for (const x of v) {
      expect(x.rule).toMatch(/^[a-z]+\.[A-Za-z]+$/);
      expect(x.path.length).toBeGreaterThan(0);
      expect(x.zh).toMatch(/：/);
      expect(x.en).toMatch(/: /);
    }
  });

  it('roots the paths of a part parsed alone', () => {
    const { basic } = makeFormPartSchemas({ provinceCode: '110000', today: TODAY });
    const r = basic.safeParse({ ...workingForm().basic, mobile: '123' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(toViolations(r.error, { prefix: 'basic' })).toEqual([
        {
          rule: 'contact.mobile',
          path: 'basic.mobile',
          zh: '手机号码：应为11位中国大陆手机号码，以13–19开头，不加区号、空格或横线',
          en: 'Mobile number: must be an 11-digit mainland China mobile number starting with 13–19, without country code, spaces or dashes',
        },
      ]);
    }
  });

  it('keeps the English text as the zod message', () => {
    const f = workingForm();
    f.basic.email = 'nope';
    const r = beijing.safeParse(f);
    expect(r.success || r.error.issues[0]!.message).toBe('is not a valid email address, e.g. zhangsan@example.com');
  });
});
