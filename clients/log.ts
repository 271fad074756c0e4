import pino from 'pino';

/** One JSON logger. Personal data never goes into a log line; callers pass ids and masked values only. */
export function createLogger(level: string, name: string, file?: string) {
  const opts = { level, name, base: { service: name } };
  return file ? pino(opts, pino.destination({ dest: file, mkdir: true, sync: true })) : pino(opts);
}
export type Logger = ReturnType<typeof createLogger>;
