import { describe, expect, it } from 'vitest';
import { changeRequiredMaterials, mergeChange, recordChanges, type RecordForm } from '../../domain/change.ts';

const record: RecordForm = {
  situation: 'accountingWork',
  basic: {
    name: '张伟',
    sex: 'male',
    birthDate: '1990-03-07',
    idType: 'mainlandId',
    idNumber: '110105199003071239',
    nationality: 'CHN',
    ethnicity: 'han',
    politicalStatus: 'masses',
    mobile: '13912345678',
    email: 'a@example.com',
    address: '北京市朝阳区建国路1号',
  },
  education: [
    {
      studyMode: 'fullTime',
      school: '中央财经大学',
      level: 'bachelor',
      degree: 'bachelor',
      major: '会计学',
      enrolledOn: '2008-09-01',
      graduatedOn: '2012-07-01',
    },
  ],
  work: {
    unitName: '北京示例科技有限公司',
    unitCreditCode: '91110105MA01B2C34Q',
    unitKind: 'enterprise',
    unitDistrict: '110105',
    startedOn: '2012-08-01',
    posts: ['cashier'],
    administrativePost: 'general',
  },
  qualifications: [],
  district: { code: '110105', basis: 'workUnit' },
};

describe('information change rules', () => {
  it('changes field by field, keeping contact details and the archive number of the record', () => {
    const after = mergeChange(record, {
      basic: { ...record.basic, name: '张维', mobile: '13000000000', idNumber: '110105199003071247' },
      work: { ...record.work!, unitName: '北京新单位有限公司' },
    });
    expect(after.basic).toMatchObject({ name: '张维', mobile: '13912345678', idNumber: '110105199003071239' });
    expect(recordChanges(record, after)).toEqual([
      { field: 'basic.name', oldValue: '张伟', newValue: '张维' },
      { field: 'work.unitName', oldValue: '北京示例科技有限公司', newValue: '北京新单位有限公司' },
    ]);
  });

  it('treats a list as one field, and ignores key order and empty members', () => {
    const same = mergeChange(record, {
      education: [{ ...record.education[0]!, diplomaNo: undefined }].map((e) => Object.fromEntries(Object.entries(e).reverse())),
    });
    expect(recordChanges(record, same)).toEqual([]);
    const more = mergeChange(record, { education: [...record.education, { ...record.education[0]!, level: 'master' }] });
    expect(recordChanges(record, more).map((c) => c.field)).toEqual(['education']);
  });

  it('drops the work module when the situation is no longer accounting work', () => {
    const after = mergeChange(record, { situation: 'qualifiedNotWorking', district: { code: '110108', basis: 'residence' } });
    expect(after.work).toBeUndefined();
    expect(recordChanges(record, after).map((c) => c.field)).toEqual(['situation', 'work', 'district.basis', 'district.code']);
    expect(changeRequiredMaterials(recordChanges(record, after), after, false)).toEqual(['idDocument', 'workProof']);
  });

  it('asks for the proof of what actually changes', () => {
    const after = mergeChange(record, {
      education: [...record.education, { ...record.education[0]!, level: 'master' }],
      qualifications: [{ type: 'accounting', level: 'junior', wayObtained: 'exam', obtainedOn: '2014-01-01', certificateNo: 'X1' }],
    });
    expect(changeRequiredMaterials(recordChanges(record, after), after, true)).toEqual([
      'qualificationCertificate',
      'educationCertificate',
      'continuingEducationProof',
    ]);
    expect(changeRequiredMaterials([], record, false)).toEqual([]);
  });
});
