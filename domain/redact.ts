/**
 * Finding and masking personal data in free text (log lines, problem details, exports): GB 11643 ID
 * numbers and mainland mobile numbers. Pure: used by the logger, the problem writer and the log scan.
 */
import { gb11643CheckChar, maskIdNumber, maskPhone } from './identity.ts';

// Bounded by anything but a letter or digit, so ids and hashes (hex runs) are not taken for numbers.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/**
 * Masks every 18-character ID-number shape (valid check character or not: a mistyped number is
 * still someone's) and every mainland mobile number.
 */
export function redactPersonalData(text: string): string {
  if (!/\d{11}/.test(text)) return text;
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

export interface PersonalDataHit {
  kind: 'idNumber' | 'mobile';
  /** Already masked: a report of a leak must not repeat it. */
  masked: string;
  index: number;
}

/** Full ID numbers (GB 11643 shape with a valid check character) and mobile numbers in `text`. */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of text.matchAll(ID_NUMBER)) {
    const id = m[0].toUpperCase();
    if (gb11643CheckChar(id.slice(0, 17)) === id[17]) hits.push({ kind: 'idNumber', masked: maskIdNumber(id), index: m.index });
  }
  for (const m of text.matchAll(MOBILE)) hits.push({ kind: 'mobile', masked: maskPhone(m[0]), index: m.index });
  return hits;
}

/** A deep copy of a log argument with every string redacted; iterative, so deep values cannot overflow the stack. */
export function redactDeep(value: unknown, maxNodes = 10_000): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (typeof value !== 'object' || value === null) return value;
  const root: { v: unknown } = { v: undefined };
  const stack: [unknown, Record<string, unknown> | unknown[], string | number][] = [[value, root as Record<string, unknown>, 'v']];
  const seen = new WeakSet<object>();
  let nodes = 0;
  while (stack.length) {
    const [v, parent, key] = stack.pop()!;
    let out: unknown = v;
    if (typeof v === 'string') out = redactPersonalData(v);
    else if (typeof v === 'object' && v !== null && !seen.has(v) && nodes++ < maxNodes) {
      seen.add(v);
      if (v instanceof Error) {
        out = {
          name: v.name,
          code: (v as { code?: unknown }).code,
          message: redactPersonalData(v.message),
          stack: v.stack && redactPersonalData(v.stack),
        };
      } else if (Array.isArray(v)) {
        const arr: unknown[] = new Array(v.length);
        v.forEach((item, i) => stack.push([item, arr, i]));
        out = arr;
      } else if (v instanceof Date || ArrayBuffer.isView(v)) {
        out = v;
      } else {
        const obj: Record<string, unknown> = {};
        for (const [k, item] of Object.entries(v)) stack.push([item, obj, k]);
        out = obj;
      }
    }
    (parent as Record<string | number, unknown>)[key] = out;
  }
  return root.v;
}
