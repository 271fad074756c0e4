import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNationalClient } from '../../national/client.ts';
import { signInReviewer } from '../support/accounts.ts';
import { newPerson, waitForState } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The receiving reviewer in a real browser: a transfer Hebei sends to this province arrives through the national
 * platform; the inbox row says who and from where; the request page shows who arrives with the proof Hebei
 * uploaded, and the reviewer refuses it with a reason the platform relays to Hebei.
 */
const suite = browserSuite();

/** A person Hebei collected, as Hebei's system would have uploaded them, with a 失信 record. */
function hebeiRecord(archiveNo: string, birthDate: string) {
  return {
    archiveNo,
    provinceCode: '130000',
    districtCode: '130102',
    status: 'active',
    basic: { name: '王芳', sex: 'male', birthDate, idType: 'mainlandId', nationality: 'CHN', mobile: '13912345678' },
    situation: 'accountingWork',
    districtBasis: 'workUnit',
    education: [
      { studyMode: 'fullTime', school: '河北经贸大学', level: 'bachelor', degree: 'bachelor', major: '会计学', graduatedOn: '2012-07-01' },
    ],
    work: {
      unitName: '石家庄示例有限公司',
      unitKind: 'enterprise',
      unitDistrict: '130102',
      posts: ['cashier'],
      administrativePost: 'general',
    },
    qualifications: [
      { type: 'accounting', level: 'junior', wayObtained: 'exam', obtainedOn: '2014-10-15', certificateNo: 'C2014130102001' },
    ],
    talents: [],
    credits: [
      {
        kind: 'untrustworthy',
        occurredOn: '2023-05-06',
        issuer: '石家庄市财政局',
        documentNo: '石财罚〔2023〕12号',
        description: '提供虚假会计资料',
      },
    ],
    continuingEducation: [],
  };
}

describe('the receiving reviewer', () => {
  it('sees who arrives from another province with the proof, and refuses with a reason the origin receives', async () => {
    // 延庆区: no other test sends anything there.
    const district = '110119';
    const person = newPerson('130102');
    const hebei = createNationalClient({ baseUrl: suite.ctx.env.NATIONAL_URL, province: '130000' });
    await hebei.uploadRecord({
      archiveNo: person.idNumber,
      record: hebeiRecord(person.idNumber, person.birthDate),
      requestId: 'hebei-collection',
      kind: 'collection',
      idempotencyKey: `browser-upload-${person.idNumber}`,
    });
    const proof = await validScan('hebei-proof');
    const transfer = await hebei.startTransfer({
      archiveNo: person.idNumber,
      toProvince: suite.ctx.env.PROVINCE_CODE,
      toDistrict: district,
      originRequestId: 'hebei-out',
      attachments: [
        { kind: 'transferProof', contentType: 'image/jpeg', sha256: createHash('sha256').update(proof).digest('hex'), bytes: proof },
      ],
      idempotencyKey: `browser-transfer-${person.idNumber}`,
    });
    // The platform's event, as it posts it to this province.
    const here = createNationalClient({ baseUrl: suite.ctx.env.NATIONAL_URL, province: suite.ctx.env.PROVINCE_CODE });
    const event = (await here.listEvents()).find((e) => e.payload.transferId === transfer.transferId && e.type === 'transfer.requested');
    expect(event).toBeDefined();
    expect((await suite.ctx.call('POST', '/national/events', { json: event!.payload })).status).toBe(200);
    const request = await suite.ctx.db.request.findFirstOrThrow({ where: { transferId: transfer.transferId } });
    await waitForState(suite.ctx, request.id, 'awaitingReview', 60_000);

    const reviewer = await signInReviewer(suite.ctx, district);
    const page = await openPage(suite.browser, { viewport: { width: 1440, height: 900 } });
    await signInInBrowser(page, suite.web.url, reviewer);
    await page.goto(`${suite.web.url}/review`);
    const row = page.locator(`[data-testid="inbox-item"][data-request-id="${request.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('inbox-name').textContent()).toBe('王芳');
    expect(await row.getByTestId('inbox-summary').textContent()).toContain('河北省');
    await screenshot(page, 'reviewer-inbox-arrivals');
    await row.click();

    await page.getByTestId('arriving-person').waitFor();
    expect(await page.getByTestId('arriving-name').textContent()).toBe('王芳');
    expect(await page.getByTestId('arriving-archive-no').textContent()).toBe(person.idNumber);
    expect(await page.getByTestId('arriving-from').textContent()).toContain('河北省');
    expect(await page.getByTestId('arriving-credit-warnings').textContent()).toContain('提供虚假会计资料');
    expect(await page.getByTestId('arriving-work').textContent()).toContain('石家庄示例有限公司');
    // The proof as Hebei uploaded it, read through the API with the access reason.
    const image = page.getByTestId('material-transferProof').locator('img').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(300);
    // Nothing here can be returned for correction: the toggles are off; accept or refuse.
    expect(await page.getByTestId('return-submit').count()).toBe(0);
    await page.getByTestId('refuse').click();
    await page.getByTestId('refusal-reason-problem').waitFor();
    const reason = '调转证明未加盖单位公章';
    await page.getByTestId('refusal-reason').fill(reason);
    await screenshot(page, 'reviewer-arrival-refusing');
    await page.getByTestId('refuse').click();
    await expect.poll(() => page.getByTestId('decision-result').textContent(), { timeout: 60_000 }).toContain('不予接收');
    await screenshot(page, 'reviewer-arrival-refused');

    await expect.poll(async () => (await hebei.getTransfer(transfer.transferId))?.status, { timeout: 60_000 }).toBe('refused');
    expect((await hebei.getTransfer(transfer.transferId))?.reason).toBe(reason);
  }, 240_000);
});
