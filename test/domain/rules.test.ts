import { describe, expect, it } from 'vitest';
import { fieldLabel, violation } from '../../domain/rules.ts';

describe('violation messages', () => {
  it('start with the field’s name in each language', () => {
    expect(violation('contact.mobile', 'basic.mobile', { zh: '格式不对', en: 'wrong format' })).toEqual({
      rule: 'contact.mobile',
      path: 'basic.mobile',
      zh: '手机号码：格式不对',
      en: 'Mobile number: wrong format',
    });
  });

  it('name list entries by their position, counting from 1', () => {
    expect(fieldLabel('education.1.school')).toEqual({ zh: '学历学位第2条·学校名称', en: 'Education #2 · School' });
    expect(fieldLabel('qualifications.0')).toEqual({ zh: '专业技术资格第1条', en: 'Qualification #1' });
    expect(fieldLabel('work.posts.2')).toEqual({ zh: '会计工作岗位第3条', en: 'Accounting post #3' });
    expect(fieldLabel('materials.photo')).toEqual({ zh: '证件照', en: 'ID photo' });
  });

  it('never lose the field: unknown paths show as they are', () => {
    expect(fieldLabel('basic.nickname')).toEqual({ zh: 'basic.nickname', en: 'basic.nickname' });
    expect(fieldLabel('')).toEqual({ zh: '表单', en: 'Form' });
  });
});
