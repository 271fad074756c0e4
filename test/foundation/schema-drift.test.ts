import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { difference, shapeOfDatabase, shapeOfPrismaSchema } from '../support/schema-shape.ts';

const SCHEMA = new URL('../../prisma/schema.prisma', import.meta.url).pathname;

describe('schema.prisma and the committed migrations agree', () => {
  it('has the same tables, columns, types, nullability, unique indexes and enum values', async () => {
    const fromSchema = shapeOfPrismaSchema(SCHEMA);
    const fromDb = await shapeOfDatabase(inject('run').databaseUrl);
    expect(fromSchema.columns.size).toBeGreaterThan(100);
    expect({
      columnsOnlyInSchema: difference(fromSchema.columns, fromDb.columns),
      columnsOnlyInDatabase: difference(fromDb.columns, fromSchema.columns),
      uniquesOnlyInSchema: difference(fromSchema.uniques, fromDb.uniques),
      uniquesOnlyInDatabase: difference(fromDb.uniques, fromSchema.uniques),
      enumValuesOnlyInSchema: difference(fromSchema.enums, fromDb.enums),
      enumValuesOnlyInDatabase: difference(fromDb.enums, fromSchema.enums),
    }).toEqual({
      columnsOnlyInSchema: [],
      columnsOnlyInDatabase: [],
      uniquesOnlyInSchema: [],
      uniquesOnlyInDatabase: [],
      enumValuesOnlyInSchema: [],
      enumValuesOnlyInDatabase: [],
    });
  });

  it('detects drift: a dropped column, a changed nullability and an extra enum value in the database', async () => {
    const url = `${inject('run').databaseUrl}_drift`;
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ALTER TABLE "Person" DROP COLUMN "email"');
      await client.query('ALTER TABLE "Person" ALTER COLUMN "address" SET NOT NULL');
      await client.query(`ALTER TYPE "Role" ADD VALUE 'auditor'`);
      await client.query('DROP INDEX "User_username_key"');
    } finally {
      await client.end();
    }
    try {
      const fromSchema = shapeOfPrismaSchema(SCHEMA);
      const fromDb = await shapeOfDatabase(url);
      expect(difference(fromSchema.columns, fromDb.columns)).toEqual(['Person.address:text:null', 'Person.email:text:null']);
      expect(difference(fromDb.columns, fromSchema.columns)).toEqual(['Person.address:text:notnull']);
      expect(difference(fromDb.enums, fromSchema.enums)).toEqual(['Role.auditor']);
      expect(difference(fromSchema.uniques, fromDb.uniques)).toEqual(['User(username)']);
    } finally {
      await dropDatabase(url);
    }
  });
});
