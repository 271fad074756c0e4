import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePayloadKeys } from '../../clients/payload-codec.ts';
import { PersonalDataError, createPersonalData, isSealed, personalDataFromEnv } from '../../clients/personal-data.ts';
import { DEV_DATA_KEYS, DEV_LOOKUP_KEY, loadEnv } from '../../config/env.ts';

const key = () => randomBytes(32).toString('base64');
const K1 = `k2026:${key()}`;
const K2 = `k2027:${key()}`;
const LOOKUP = Buffer.from(key(), 'base64');
const make = (keys: string, current?: string, lookup = LOOKUP) => createPersonalData(parsePayloadKeys(keys, current), lookup);

const ID = '110105199003071239';
const MOBILE = '13912345678';

/** The sealed text with one character of its data changed. */
function tampered(sealed: string): string {
  const i = sealed.length - 10;
  return sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
}

function refusal(f: () => unknown): PersonalDataError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PersonalDataError);
    return e as PersonalDataError;
  }
  throw new Error('expected a refusal');
}

describe('personal data at rest: seal and open (AES-256-GCM)', () => {
  const pd = make(K1);

  it('round-trips ID and mobile numbers; the text names its version and key, never the number', () => {
    const id = pd.seal('idNumber', ID);
    const mobile = pd.seal('mobile', MOBILE);
    expect(id).toMatch(/^v1\.k2026\.[A-Za-z0-9_-]+$/);
    expect(isSealed(id)).toBe(true);
    expect(id).not.toContain(ID);
    expect(id).not.toContain(ID.slice(0, 6));
    expect(pd.open('idNumber', id)).toBe(ID);
    expect(pd.open('mobile', mobile)).toBe(MOBILE);
    expect(pd.keyIdOf(id)).toBe('k2026');
    // A random IV each time: the same number never gives the same text.
    expect(pd.seal('idNumber', ID)).not.toBe(id);
    expect(pd.open('idNumber', pd.seal('idNumber', '证件号码 Ünïcode'))).toBe('证件号码 Ünïcode');
  });

  it('refuses a tampered value, a value of another field, and a value under another key id', () => {
    const id = pd.seal('idNumber', ID);
    expect(refusal(() => pd.open('idNumber', tampered(id))).code).toBe('not-decryptable');
    // The field is associated data: a sealed mobile number does not open as an ID number.
    expect(refusal(() => pd.open('idNumber', pd.seal('mobile', MOBILE))).code).toBe('not-decryptable');
    // So is the key id: relabelling the text with another configured key does not open it.
    const two = make(`${K1},${K2}`);
    expect(refusal(() => two.open('idNumber', id.replace('v1.k2026.', 'v1.k2027.'))).code).toBe('not-decryptable');
    expect(refusal(() => pd.open('idNumber', 'v1.k2026.AAAA')).code).toBe('not-decryptable');
    expect(refusal(() => pd.open('idNumber', ID)).code).toBe('not-sealed');
    expect(refusal(() => pd.open('idNumber', `v2.k2026.${id.split('.')[2]}`)).code).toBe('not-sealed');
  });

  it('opens a value sealed with an old key after the current key changed; new values use the new key', () => {
    const old = make(K1).seal('idNumber', ID);
    const rotated = make(`${K1},${K2}`, 'k2027');
    expect(rotated.currentKeyId).toBe('k2027');
    expect(rotated.open('idNumber', old)).toBe(ID);
    const fresh = rotated.seal('idNumber', ID);
    expect(rotated.keyIdOf(fresh)).toBe('k2027');
    expect(rotated.open('idNumber', fresh)).toBe(ID);
    // The old keyring cannot read what the new key sealed.
    const e = refusal(() => make(K1).open('idNumber', fresh));
    expect(e.code).toBe('unknown-key');
  });

  it('refuses a value whose key id is not configured, with a message naming the id and the setting', () => {
    const sealed = make(K2).seal('mobile', MOBILE);
    const e = refusal(() => make(K1).open('mobile', sealed));
    expect(e.code).toBe('unknown-key');
    expect(e.message).toContain('"k2027"');
    expect(e.message).toContain('DATA_KEYS');
    expect(e.message).not.toContain(MOBILE);
  });
});

describe('personal data at rest: lookup (HMAC-SHA256)', () => {
  it('is stable, over the normalized number, and separate per field', () => {
    const pd = make(K1);
    const h = pd.lookup('idNumber', ID);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(pd.lookup('idNumber', ID)).toBe(h);
    expect(h).not.toContain(ID);
    // Normalized as archive numbers are: a lower-case check character and spaces find the same person.
    expect(pd.lookup('idNumber', '11010519900307123x')).toBe(pd.lookup('idNumber', ' 11010519900307123X '));
    expect(pd.lookup('idNumber', '110105199003071247')).not.toBe(h);
    expect(pd.lookup('mobile', ID)).not.toBe(h);
  });

  it('is keyed: another lookup key gives other hashes; the data keys do not change them', () => {
    const h = make(K1).lookup('idNumber', ID);
    expect(make(K1, undefined, Buffer.from(key(), 'base64')).lookup('idNumber', ID)).not.toBe(h);
    expect(make(`${K1},${K2}`, 'k2027').lookup('idNumber', ID)).toBe(h);
    expect(() => createPersonalData(parsePayloadKeys(K1), Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('personal data at rest: the numbers inside stored forms and history values', () => {
  const pd = make(K1);
  const form = {
    situation: 'accountingWork',
    basic: { name: '张伟', idNumber: ID, mobile: MOBILE, email: 'zhangwei@example.com' },
    contact: { mobile: '13800138000', address: '北京市朝阳区' },
    transfer: { fromProvince: '130000', idNumber: '130102199001011234' },
    education: [{ school: '中央财经大学' }],
  };

  it('seals exactly the ID and mobile numbers, keeps everything else, and opens back to the same form', () => {
    const sealed = pd.sealAt('', form);
    expect(sealed.situation).toBe('accountingWork');
    expect(sealed.basic).toMatchObject({ name: '张伟', email: 'zhangwei@example.com' });
    expect([sealed.basic.idNumber, sealed.basic.mobile, sealed.contact.mobile, sealed.transfer.idNumber].every(isSealed)).toBe(true);
    expect(sealed.contact.address).toBe('北京市朝阳区');
    expect(sealed.transfer.fromProvince).toBe('130000');
    expect(sealed.education).toEqual(form.education);
    const text = JSON.stringify(sealed);
    for (const secret of [ID, MOBILE, '13800138000', '130102199001011234']) expect(text).not.toContain(secret);
    expect(pd.openAt('', sealed)).toEqual(form);
    // Sealing twice changes nothing more: sealed values stay as they are.
    expect(pd.sealAt('', sealed)).toEqual(sealed);
    expect(form.basic.idNumber).toBe(ID); // the input is not changed in place
  });

  it('seals a part or a single field at its path, as history rows store them', () => {
    const basic = pd.sealAt('basic', form.basic);
    expect(isSealed(basic.idNumber) && isSealed(basic.mobile)).toBe(true);
    expect(pd.openAt('basic', basic)).toEqual(form.basic);
    const mobile = pd.sealAt('basic.mobile', MOBILE);
    expect(isSealed(mobile)).toBe(true);
    expect(pd.openAt('basic.mobile', mobile)).toBe(MOBILE);
    expect(pd.sealAt('basic.address', '北京市朝阳区')).toBe('北京市朝阳区');
    expect(pd.sealAt('education', form.education)).toEqual(form.education);
    expect(pd.sealAt('basic.mobile', null)).toBeNull();
  });
});

describe('personal data keys in the configuration', () => {
  it('has development defaults, and uses the current key id of DATA_KEYS', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ DATA_KEYS: DEV_DATA_KEYS, LOOKUP_KEY: DEV_LOOKUP_KEY });
    const pd = personalDataFromEnv(loadEnv({ DATA_KEYS: `${K1},${K2}`, DATA_KEY_ID: 'k2027', LOOKUP_KEY: LOOKUP.toString('base64') }));
    expect(pd.currentKeyId).toBe('k2027');
    expect(pd.lookup('idNumber', ID)).toBe(make(K1).lookup('idNumber', ID));
  });

  it.each([
    ['DATA_KEYS', 'k1:short'],
    ['LOOKUP_KEY', 'not-a-key'],
  ])('stops on a wrong %s with a message naming it', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('refuses a DATA_KEY_ID that is not among DATA_KEYS, and repeated key ids', () => {
    expect(() => loadEnv({ DATA_KEYS: K1, DATA_KEY_ID: 'k2027' })).toThrow(/DATA_KEY_ID: must be one of the ids in DATA_KEYS/);
    expect(() => loadEnv({ DATA_KEYS: `${K1},${K1}` })).toThrow(/DATA_KEYS: each key id may appear once/);
  });

  it('refuses the development keys in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/DATA_KEYS: must be set in production/);
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/LOOKUP_KEY: must be set in production/);
    const secrets = { AUTH_SECRET: 'x'.repeat(40), MINIO_SECRET_KEY: 'not-the-default', PAYLOAD_KEYS: `p1:${key()}` };
    expect(() => loadEnv({ NODE_ENV: 'production', ...secrets, DATA_KEYS: K1, LOOKUP_KEY: LOOKUP.toString('base64') })).not.toThrow();
  });
});
