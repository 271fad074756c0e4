import { randomInt } from 'node:crypto';
import { makeMainlandId } from '../../domain/identity.ts';
import { makeUscc } from '../../domain/uscc.ts';
import type { paths } from '../../api-client/index.ts';
import { answer, apiClient, saveFormPart } from './client.ts';
import type { TestContext } from './context.ts';
import { validPhoto, validScan } from './jpeg.ts';

/** A fresh person: a valid, unused ID number (random birth date and sequence) in the given district. */
export function newPerson(districtCode = '110105') {
  const year = 1970 + randomInt(30);
  const birthDate = `${year}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
  const sequence = randomInt(500) * 2 + 1; // odd: male
  return { idNumber: makeMainlandId(districtCode, birthDate, sequence), birthDate, sex: 'male' as const, districtCode };
}

/** A complete, valid collection form of someone doing accounting work in `districtCode`. */
export function accountantForm(person = newPerson()) {
  const enrolled = Number(person.birthDate.slice(0, 4)) + 18;
  return {
    situation: 'accountingWork',
    basic: {
      name: '张伟',
      sex: person.sex,
      birthDate: person.birthDate,
      idType: 'mainlandId',
      idNumber: person.idNumber,
      nationality: 'CHN',
      ethnicity: 'han',
      politicalStatus: 'masses',
      mobile: `139${String(randomInt(1e8)).padStart(8, '0')}`,
      email: 'zhangwei@example.com',
      address: '北京市朝阳区建国路1号',
    },
    education: [
      {
        studyMode: 'fullTime',
        school: '中央财经大学',
        level: 'bachelor',
        degree: 'bachelor',
        major: '会计学',
        enrolledOn: `${enrolled}-09-01`,
        graduatedOn: `${enrolled + 4}-07-01`,
      },
    ],
    work: {
      unitName: '北京示例科技有限公司',
      unitCreditCode: makeUscc({ areaCode: person.districtCode, orgCode: 'MA01B2C3' }),
      unitKind: 'enterprise',
      unitDistrict: person.districtCode,
      startedOn: `${enrolled + 4}-08-01`,
      posts: ['cashier', 'financialReporting'],
      administrativePost: 'general',
    },
    qualifications: [
      {
        type: 'accounting',
        level: 'intermediate',
        wayObtained: 'exam',
        obtainedOn: `${enrolled + 8}-10-15`,
        certificateNo: 'Z2015110105001',
      },
    ],
    district: { code: person.districtCode, basis: 'workUnit' },
  };
}
export type TestForm = ReturnType<typeof accountantForm>;

/** Saves every part of the form, uploads every material it needs and accepts the commitment, as the applicant. */
export async function fillDraft(ctx: TestContext, token: string, form: TestForm) {
  const client = apiClient(ctx.app, token);
  const created = await answer(client.POST('/requests/collection'));
  if (created.status !== 201) throw new Error(`draft not created: ${JSON.stringify(created.data)}`);
  const id: string = created.data.requestId;
  for (const [part, value] of Object.entries(form)) {
    const res = await saveFormPart(client, id, part, value);
    if (res.status !== 200) throw new Error(`part ${part} refused: ${JSON.stringify(res.data)}`);
  }
  const photo = await validPhoto();
  for (const kind of ['photo', 'idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate'] as const) {
    const res = await uploadMaterial(ctx, token, id, kind, kind === 'photo' ? photo : await validScan(kind));
    if (res.status !== 200) throw new Error(`material ${kind} refused: ${JSON.stringify(res.data)}`);
  }
  const ok = await answer(client.POST('/requests/{id}/commitment', { params: { path: { id } } }));
  if (ok.status !== 200) throw new Error('commitment refused');
  return id;
}

/** PUT the JPEG bytes of one material (the kind as the test names it: an unknown kind is the API's to refuse). */
export function uploadMaterial(ctx: TestContext, token: string, id: string, kind: string, bytes: Uint8Array) {
  return answer(
    apiClient(ctx.app, token).PUT('/requests/{id}/materials/{kind}', {
      params: { path: { id, kind: kind as MaterialKind } },
      body: bytes as unknown as string,
      bodySerializer: (b) => b as unknown as BodyInit,
      headers: { 'content-type': 'image/jpeg' },
    }),
  );
}
type MaterialKind = paths['/requests/{id}/materials/{kind}']['put']['parameters']['path']['kind'];

/** Polls the request's projection until it reaches a state (the workflow moves on asynchronously). */
export async function waitForState(ctx: TestContext, id: string, state: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await ctx.db.request.findUniqueOrThrow({ where: { id } });
    if (r.state === state) return r;
    if (Date.now() > until) throw new Error(`request ${id} is ${r.state}, not ${state}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
