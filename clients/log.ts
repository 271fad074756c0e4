import pino from 'pino';
import { redactDeep } from '../domain/redact.ts';

/**
 * One JSON logger. Personal data never goes into a log line; callers pass ids and masked values only,
 * and as a safety net every string logged has ID and mobile numbers masked.
 */
export function createLogger(level: string, name: string, file?: string) {
  const opts: pino.LoggerOptions = {
    level,
    name,
    base: { service: name },
    hooks: {
      logMethod(args, method) {
        return method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
      },
    },
  };
  return file ? pino(opts, pino.destination({ dest: file, mkdir: true, sync: true })) : pino(opts);
}
export type Logger = ReturnType<typeof createLogger>;
