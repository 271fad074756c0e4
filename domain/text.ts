/** Text that cannot be stored faithfully: PostgreSQL refuses NUL, and a lone surrogate is not Unicode. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type UnsafeText = 'nul' | 'loneSurrogate';

export function unsafeTextIn(s: string): UnsafeText | null {
  if (NUL.test(s)) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'loneSurrogate';
  return null;
}
