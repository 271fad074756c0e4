import { describe, expect, it } from 'vitest';
import type { MaterialKind, RequestKind, Situation } from '../../domain/enums.ts';
import { MATERIAL_MAX_BYTES_EXCLUSIVE, missingMaterials, requiredMaterials, submissionViolations } from '../../domain/materials.ts';

const qualified = [{ level: 'junior' }];

describe('required materials', () => {
  it.each<[Situation, boolean, MaterialKind[]]>([
    ['accountingWork', false, ['photo', 'idDocument', 'workProof', 'educationCertificate']],
    ['accountingWork', true, ['photo', 'idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate']],
    ['qualifiedNotWorking', true, ['photo', 'idDocument', 'qualificationCertificate', 'educationCertificate']],
    ['qualifiedStudent', true, ['photo', 'idDocument', 'qualificationCertificate', 'studentProof', 'educationCertificate']],
  ])('for a collection by someone %s (qualified: %s)', (situation, hasQualification, expected) => {
    expect(requiredMaterials({ situation, qualifications: hasQualification ? qualified : [] }, 'collection')).toEqual(expected);
  });

  it('always the photo, the ID document and the education certificate', () => {
    for (const situation of ['accountingWork', 'qualifiedNotWorking', 'qualifiedStudent'] as const) {
      for (const kind of ['collection', 'change', 'transferOut', 'transferIn', 'districtMove'] as const) {
        expect(requiredMaterials({ situation }, kind)).toEqual(expect.arrayContaining(['photo', 'idDocument', 'educationCertificate']));
      }
    }
  });

  it.each<[RequestKind, boolean]>([
    ['collection', false],
    ['change', false],
    ['transferOut', true],
    ['transferIn', true],
    ['districtMove', true],
  ])('a transfer proof for %s: %s', (kind, needed) => {
    expect(requiredMaterials({ situation: 'accountingWork' }, kind).includes('transferProof')).toBe(needed);
  });

  it('work proof only when doing accounting work, student proof only for students', () => {
    expect(requiredMaterials({ situation: 'qualifiedNotWorking', qualifications: qualified }, 'collection')).not.toContain('workProof');
    expect(requiredMaterials({ situation: 'accountingWork', qualifications: qualified }, 'collection')).not.toContain('studentProof');
  });
});

describe('size limits', () => {
  it('are below 20 KB for the photo and below 50 KB for everything else', () => {
    expect(MATERIAL_MAX_BYTES_EXCLUSIVE.photo).toBe(20 * 1024);
    for (const kind of [
      'idDocument',
      'qualificationCertificate',
      'workProof',
      'studentProof',
      'educationCertificate',
      'transferProof',
    ] as const) {
      expect(MATERIAL_MAX_BYTES_EXCLUSIVE[kind]).toBe(50 * 1024);
    }
  });
});

describe('before submitting', () => {
  it('every required material must be uploaded', () => {
    const v = missingMaterials(['photo', 'idDocument', 'workProof'], ['photo']);
    expect(v.map((x) => [x.rule, x.path])).toEqual([
      ['materials.required', 'materials.idDocument'],
      ['materials.required', 'materials.workProof'],
    ]);
    expect(v[1]!.zh).toMatch(/^从事会计工作证明：尚未上传/);
    expect(v[1]!.en).toMatch(/^Proof of accounting work: missing/);
  });

  it('the commitment letter must be accepted', () => {
    const form = { situation: 'qualifiedNotWorking' as const, qualifications: qualified };
    const all = requiredMaterials(form, 'collection');
    expect(submissionViolations({ form, requestKind: 'collection', uploaded: all, commitmentAccepted: true })).toEqual([]);
    expect(submissionViolations({ form, requestKind: 'collection', uploaded: all, commitmentAccepted: false }).map((v) => v.rule)).toEqual([
      'commitment.required',
    ]);
    expect(submissionViolations({ form, requestKind: 'transferOut', uploaded: all, commitmentAccepted: true }).map((v) => v.path)).toEqual([
      'materials.transferProof',
    ]);
  });
});
