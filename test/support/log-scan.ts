import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findPersonalData, type PersonalDataHit } from '../../domain/redact.ts';

/**
 * The scan of a test run's logs for full ID numbers and mobile numbers ("logs never hold a full ID or
 * phone number"), run by the global setup's teardown once every test file has finished.
 */

export interface LogFinding {
  file: string;
  line: number;
  kind: PersonalDataHit['kind'];
  /** Masked: the report of a leak must not repeat it. */
  masked: string;
}

/**
 * The log files one test run wrote: the API's, the workers' (one per province deployment a test
 * starts), anything else named `test-<runId>-*.log`. Not the national-platform stand-in's: it stands in
 * for the Ministry's system, which legitimately holds every record under its archive number (the ID
 * number) and keeps its own logs, outside this system; the rule is about this system's logs.
 */
export function runLogFiles(dir: string, runId: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`test-${runId}-`) && f.endsWith('.log') && !f.startsWith(`test-${runId}-national`))
    .sort()
    .map((f) => join(dir, f));
}

/** Every full ID number (valid check character) and mobile number in the files, with its line. */
export function scanLogFiles(files: string[]): LogFinding[] {
  const findings: LogFinding[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const hits = findPersonalData(text).sort((a, b) => a.index - b.index);
    let line = 1;
    let at = 0;
    for (const hit of hits) {
      for (; at < hit.index; at++) if (text.charCodeAt(at) === 10) line++;
      findings.push({ file, line, kind: hit.kind, masked: hit.masked });
    }
  }
  return findings;
}

const KIND = { idNumber: 'full ID number', mobile: 'mobile number' } as const;

/** Which file holds what kind of number, how many, on which lines (the first few), masked. */
export function reportLogFindings(findings: LogFinding[]): string {
  const groups = new Map<string, LogFinding[]>();
  for (const f of findings) groups.set(`${f.file}\u0000${f.kind}`, [...(groups.get(`${f.file}\u0000${f.kind}`) ?? []), f]);
  return [...groups.values()]
    .map((g) => {
      const { file, kind } = g[0]!;
      const shown = g.slice(0, 5).map((f) => `line ${f.line}: ${f.masked}`);
      return `${file}: ${g.length} × ${KIND[kind]} (${shown.join('; ')}${g.length > shown.length ? '; …' : ''})`;
    })
    .join('\n');
}

/**
 * Scans a finished run's logs. On a finding it prints the report and marks the process failed: vitest
 * logs an error thrown by a global teardown but does not fail the run for it.
 */
export function failRunOnPersonalDataInLogs(dir: string, runId: string): LogFinding[] {
  const files = runLogFiles(dir, runId);
  const findings = scanLogFiles(files);
  if (findings.length) {
    process.exitCode = 1;
    console.error(
      `\nLogs of this test run hold personal data (${findings.length} finding(s) in ${files.length} file(s) scanned):\n${reportLogFindings(findings)}\n`,
    );
  }
  return findings;
}
