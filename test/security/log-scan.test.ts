import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeMainlandId, maskIdNumber } from '../../domain/identity.ts';
import { failRunOnPersonalDataInLogs, reportLogFindings, runLogFiles, scanLogFiles } from '../support/log-scan.ts';

/** The scan the global teardown runs over the whole test run's logs (test/support/log-scan.ts) can fail. */
const dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const id = makeMainlandId('110105', '1990-03-07', 123);
const line = (o: object) => JSON.stringify({ level: 30, time: 1796112000000, ...o });
writeFileSync(
  join(dir, 'test-run1-api.log'),
  [
    line({ msg: 'access refused', userId: '3dc7b8fd-8b2a-4c1e-9f0e-1a2b3c4d5e6f', archiveNo: maskIdNumber(id) }),
    line({ msg: 'material stored', sha256: `${'a'.repeat(20)}110105199003071239${'b'.repeat(26)}`, bytes: 12345678901 }),
    line({ msg: 'national sync failed', archiveNo: id }),
    line({ msg: 'contact changed', mobile: '13912345678' }),
  ].join('\n'),
);
// Masked numbers, ids, hashes and long counters are not personal data; an 18-digit number whose check
// character is wrong is no ID number (the redaction masks it anyway).
writeFileSync(
  join(dir, 'test-run1-worker-130000.log'),
  [
    line({
      archiveNo: '110105********1239',
      mobile: '139****5678',
      n: 123456789012345678,
      id: id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
    }),
  ].join('\n'),
);
writeFileSync(join(dir, 'test-run1-national.log'), line({ msg: 'record received', archiveNo: id }));
writeFileSync(join(dir, 'test-run2-api.log'), line({ archiveNo: id }));

describe('the scan of a test run’s logs for ID and mobile numbers', () => {
  it("covers the run's own logs but the national-platform stand-in's", () => {
    expect(runLogFiles(dir, 'run1')).toEqual([join(dir, 'test-run1-api.log'), join(dir, 'test-run1-worker-130000.log')]);
  });

  it('reports a full valid ID number and a mobile number with file, line and kind, masked', () => {
    const findings = scanLogFiles(runLogFiles(dir, 'run1'));
    expect(findings).toEqual([
      { file: join(dir, 'test-run1-api.log'), line: 3, kind: 'idNumber', masked: maskIdNumber(id) },
      { file: join(dir, 'test-run1-api.log'), line: 4, kind: 'mobile', masked: '139****5678' },
    ]);
    const report = reportLogFindings(findings);
    expect(report).toContain('test-run1-api.log: 1 × full ID number (line 3: ');
    expect(report).toContain('1 × mobile number (line 4: 139****5678)');
    expect(report).not.toContain(id);
    expect(report).not.toContain('13912345678');
  });

  it('fails the run on a finding, and only then', () => {
    const before = process.exitCode;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      process.exitCode = undefined;
      expect(failRunOnPersonalDataInLogs(dir, 'no-such-run')).toEqual([]);
      expect(process.exitCode).toBeUndefined();
      expect(failRunOnPersonalDataInLogs(dir, 'run1')).toHaveLength(2);
      expect(process.exitCode).toBe(1);
      expect(String(error.mock.calls[0]?.[0])).toMatch(/test-run1-api\.log: 1 × full ID number/);
    } finally {
      process.exitCode = before;
      error.mockRestore();
    }
  });
});
