/**
 * Background import jobs (导入任务) of the administrator's console: an upload is answered at once with a job id,
 * the import runs after the answer, and the job tells its progress and, when done, its report. Shared by every
 * bulk import (the archive migration, the continuing-education import). Jobs are kept in the API process that
 * took the upload, for an hour after they end; an import's effects are in the database, so a lost job loses
 * only its report, and running the file again changes nothing and reports it again.
 */
import type { Logger } from '../../clients/log.ts';

export interface JobProgress {
  phase: 'queued' | 'reading' | 'importing' | 'done';
  settled: number;
  total: number | null;
}

export interface ImportJob<R> {
  id: string;
  kind: string;
  /** Who started it: only they (or another administrator) read it. */
  startedBy: string;
  state: 'running' | 'done' | 'failed';
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  report: R | null;
  /** Why the file could not be imported at all (unreadable, columns missing); bad rows are in the report. */
  error: { code: string; en: string; zh: string } | null;
}

const KEEP_MS = 60 * 60 * 1000;

export interface FileProblem {
  code: string;
  en: string;
  zh: string;
}

/** A registry of jobs of one kind. `isFileProblem` tells the file's own faults from failures of the system. */
export function importJobs<R>(kind: string, log: Logger, isFileProblem: (e: unknown) => e is FileProblem) {
  const jobs = new Map<string, ImportJob<R>>();
  const prune = () => {
    const before = Date.now() - KEEP_MS;
    for (const [id, j] of jobs) if (j.finishedAt && Date.parse(j.finishedAt) < before) jobs.delete(id);
  };
  return {
    /** Starts `run` after the answer; it reports progress through its argument. */
    start(startedBy: string, run: (progress: (p: JobProgress) => void) => Promise<R>): ImportJob<R> {
      prune();
      const job: ImportJob<R> = {
        id: crypto.randomUUID(),
        kind,
        startedBy,
        state: 'running',
        progress: { phase: 'queued', settled: 0, total: null },
        startedAt: new Date().toISOString(),
        finishedAt: null,
        report: null,
        error: null,
      };
      jobs.set(job.id, job);
      setImmediate(() => {
        run((p) => {
          job.progress = p;
        }).then(
          (report) => {
            job.report = report;
            job.state = 'done';
            job.progress = { ...job.progress, phase: 'done' };
            job.finishedAt = new Date().toISOString();
          },
          (e: unknown) => {
            job.state = 'failed';
            job.finishedAt = new Date().toISOString();
            if (isFileProblem(e)) job.error = { code: e.code, en: e.en, zh: e.zh };
            else {
              job.error = { code: 'import-failed', en: 'The import failed; run the file again', zh: '导入失败，请重新导入该文件' };
              log.error({ err: { message: (e as Error).message }, job: job.id, kind }, 'import job failed');
            }
          },
        );
      });
      return job;
    },
    get(id: string): ImportJob<R> | undefined {
      return jobs.get(id);
    },
  };
}
