import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './deployment.ts';

/**
 * A private Temporal server with PostgreSQL persistence (infra/temporal-server.sh) on ports and databases of
 * its own, for benchmarks and the fault suite: started, SIGKILLed, restarted and removed like a Service.
 */
export class PrivateTemporalServer {
  readonly address: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly label: string,
    readonly port: number,
  ) {
    this.address = `127.0.0.1:${port}`;
    this.env = {
      ...process.env,
      TEMPORAL_PORT: String(port),
      TEMPORAL_SQL_DATABASE: `temporal_${label}`,
      TEMPORAL_SERVER_NAME: `temporal-server-${label}`,
      TEMPORAL_TOPOLOGY: 'single',
    };
  }

  get databases(): string[] {
    return [`temporal_${this.label}`, `temporal_${this.label}_visibility`];
  }

  /** Prepares its databases on first use, starts it and waits for its namespace and search attributes. */
  async start(): Promise<this> {
    await this.sh('bash infra/temporal-server.sh');
    return this;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const pid = this.pid();
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      return;
    }
    for (let i = 0; i < 150; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (signal !== 'SIGKILL') await this.stop('SIGKILL');
  }

  kill9(): Promise<void> {
    return this.stop('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops it and drops its databases. */
  async remove(): Promise<void> {
    await this.kill9();
    // One -c per statement: DROP DATABASE cannot run inside the transaction of a multi-statement string.
    const drops = this.databases.map((db) => `-c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)"`).join(' ');
    await this.sh(`psql -h 127.0.0.1 -U postgres -d postgres -q ${drops}`);
  }

  close(): void {}

  /** The server's process (the frontend's in the split topology), from its pid file. */
  pid(): number | null {
    try {
      return Number(readFileSync(join(ROOT, '.data/run', `${this.env.TEMPORAL_SERVER_NAME}.pid`), 'utf8').trim()) || null;
    } catch {
      return null;
    }
  }

  private sh(command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('bash', ['-c', command], { cwd: ROOT, env: this.env }, (error, out, err) =>
        error ? reject(new Error(`${command}: ${err || error.message}`)) : resolve(out),
      );
    });
  }
}
