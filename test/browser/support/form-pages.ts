import type { Page } from 'playwright-core';
import { districtOf } from '../../../domain/districts.ts';
import { type EnumerationName, entryOf } from '../../../domain/enums.ts';
import type { TestForm } from '../../support/forms.ts';

/** The Chinese words the pages show for a code (web/lib/labels.ts reads the same lists). */
export const zh = (set: EnumerationName, code: string) => entryOf(set, code)!.zh;
export const districtName = (code: string) => districtOf(`${code.slice(0, 2)}0000`, code)!.zh;

/**
 * Picks an option of an antd Select by its words, as a person does: opens it, types into a searchable one
 * to narrow a long list (the list is virtual: an option out of view is not in the page), clicks the option.
 */
export async function chooseOption(page: Page, testId: string, text: string, opts: { search?: boolean } = {}) {
  const select = page.getByTestId(testId);
  await select.click();
  if (opts.search !== false) await select.locator('input').fill(text);
  await page
    .locator('.ant-select-dropdown:visible')
    .locator(`.ant-select-item-option[title=${JSON.stringify(text)}]`)
    .click();
}

/** Several options of a multiple Select, then closes its list. */
export async function chooseOptions(page: Page, testId: string, texts: string[]) {
  for (const text of texts) await chooseOption(page, testId, text);
  await page.keyboard.press('Escape');
}

/** 保存并继续 on the current step; answers once the wizard shows the next one. */
export async function saveAndContinue(page: Page, next: string) {
  await page.getByTestId('save-part').click();
  await page.getByTestId(`step-${next}`).waitFor();
}

export async function fillSituation(page: Page, situation: string) {
  await page.getByTestId(`situation-${situation}`).click();
}

export async function fillBasic(page: Page, basic: TestForm['basic']) {
  await page.getByTestId('basic-name').fill(basic.name);
  await chooseOption(page, 'basic-sex', zh('sexes', basic.sex));
  await page.getByTestId('basic-birth-date').fill(basic.birthDate);
  await chooseOption(page, 'basic-id-type', zh('idTypes', basic.idType));
  await page.getByTestId('basic-id-number').fill(basic.idNumber);
  await chooseOption(page, 'basic-nationality', zh('nationalities', basic.nationality));
  await chooseOption(page, 'basic-ethnicity', zh('ethnicities', basic.ethnicity));
  await chooseOption(page, 'basic-political-status', zh('politicalStatuses', basic.politicalStatus));
  await page.getByTestId('basic-mobile').fill(basic.mobile);
  await page.getByTestId('basic-email').fill(basic.email);
  await page.getByTestId('basic-address').fill(basic.address);
}

export async function fillEducation(page: Page, education: TestForm['education']) {
  for (const [i, e] of education.entries()) {
    if (i > 0) await page.getByTestId('add-education').click();
    await page.getByTestId(`education-${i}-school`).fill(e.school);
    await page.getByTestId(`education-${i}-major`).fill(e.major);
    await chooseOption(page, `education-${i}-level`, zh('educationLevels', e.level));
    await chooseOption(page, `education-${i}-degree`, zh('degrees', e.degree));
    await chooseOption(page, `education-${i}-study-mode`, zh('studyModes', e.studyMode));
    await page.getByTestId(`education-${i}-enrolled-on`).fill(e.enrolledOn);
    await page.getByTestId(`education-${i}-graduated-on`).fill(e.graduatedOn);
  }
}

export async function fillWork(page: Page, work: TestForm['work']) {
  await page.getByTestId('work-unit-name').fill(work.unitName);
  await page.getByTestId('work-unit-credit-code').fill(work.unitCreditCode);
  await chooseOption(page, 'work-unit-kind', zh('unitKinds', work.unitKind));
  await chooseOption(page, 'work-unit-district', districtName(work.unitDistrict));
  await page.getByTestId('work-started-on').fill(work.startedOn);
  await chooseOptions(
    page,
    'work-posts',
    work.posts.map((p) => zh('accountingPosts', p)),
  );
  await chooseOption(page, 'work-administrative-post', zh('administrativePosts', work.administrativePost));
}

/** The qualifications are optional for an accountant: each is added with 添加一项资格. */
export async function fillQualifications(page: Page, qualifications: TestForm['qualifications']) {
  for (const [i, q] of qualifications.entries()) {
    await page.getByTestId('add-qualifications').click();
    await chooseOption(page, `qualifications-${i}-type`, zh('qualificationTypes', q.type));
    await chooseOption(page, `qualifications-${i}-level`, zh('qualificationLevels', q.level));
    await chooseOption(page, `qualifications-${i}-way`, zh('waysObtained', q.wayObtained));
    await page.getByTestId(`qualifications-${i}-obtained-on`).fill(q.obtainedOn);
    await page.getByTestId(`qualifications-${i}-certificate-no`).fill(q.certificateNo);
  }
}

/** An accountant's district follows the work unit: the step proposes it; a different one is chosen here. */
export async function fillDistrict(page: Page, district: TestForm['district']) {
  await chooseOption(page, 'district-basis', zh('districtBases', district.basis), { search: false });
  await chooseOption(page, 'district-code', districtName(district.code));
}

/** Chooses a file for one material on the materials step (nothing is uploaded until 上传). */
export async function chooseMaterial(page: Page, kind: string, bytes: Buffer, name = `${kind}.jpg`) {
  await page.getByTestId(`material-${kind}-file`).setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
}

/** Chooses a file for one material and uploads it as it is. */
export async function uploadOnPage(page: Page, kind: string, bytes: Buffer) {
  await chooseMaterial(page, kind, bytes);
  await page.getByTestId(`material-${kind}-upload`).click();
}

/** No part of the page is wider than the screen: nothing to scroll sideways. */
export const scrollWidth = (page: Page) => page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
