import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { applyMigrations, dropDatabase, readMigrations } from '../../prisma/migrations-runner.ts';

describe('migration runner', () => {
  it('records each migration in _prisma_migrations as Prisma does, and applies nothing twice', async () => {
    const url = `${inject('run').databaseUrl}_mig`;
    try {
      const first = await applyMigrations(url);
      const second = await applyMigrations(url);
      const migrations = await readMigrations();
      expect(first).toEqual(migrations.map((m) => m.name));
      expect(second).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = (
        await client.query(
          'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
        )
      ).rows;
      await client.end();
      expect(rows).toHaveLength(migrations.length);
      rows.forEach((r, i) => {
        expect(r.migration_name).toBe(migrations[i]!.name);
        expect(r.checksum).toBe(migrations[i]!.checksum);
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.applied_steps_count).toBe(1);
        expect(r.rolled_back_at).toBeNull();
      });
    } finally {
      await dropDatabase(url);
    }
  });
});
