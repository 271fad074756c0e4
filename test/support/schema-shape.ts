import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);

/** One comparable description of a schema: columns with type and nullability, unique sets, enums. */
export interface SchemaShape {
  columns: Set<string>; // "Table.column:type:null|notnull"
  uniques: Set<string>; // "Table(a,b)"
  enums: Set<string>; // "Enum.value"
}

const SCALAR_SQL: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};

function nativeSql(native: [string, string[]] | null): string | undefined {
  if (!native) return undefined;
  const [name, args] = native;
  if (name === 'Date') return 'date';
  if (name === 'Decimal') return `numeric(${args.join(',')})`;
  if (name === 'Text') return 'text';
  return name.toLowerCase();
}

export function shapeOfPrismaSchema(path: string): SchemaShape {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(path, 'utf8') })));
  const shape: SchemaShape = { columns: new Set(), uniques: new Set(), enums: new Set() };
  for (const e of dmmf.datamodel.enums) for (const v of e.values) shape.enums.add(`${e.name}.${v.name}`);
  for (const m of dmmf.datamodel.models) {
    const table = m.dbName ?? m.name;
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      let type = f.kind === 'enum' ? f.type : (nativeSql(f.nativeType) ?? SCALAR_SQL[f.type] ?? f.type);
      // Prisma creates scalar lists as nullable array columns.
      if (f.isList) type += '[]';
      shape.columns.add(`${table}.${f.dbName ?? f.name}:${type}:${f.isRequired && !f.isList ? 'notnull' : 'null'}`);
      if (f.isUnique) shape.uniques.add(`${table}(${f.name})`);
    }
    for (const u of m.uniqueFields) shape.uniques.add(`${table}(${[...u].sort().join(',')})`);
  }
  return shape;
}

export async function shapeOfDatabase(databaseUrl: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const shape: SchemaShape = { columns: new Set(), uniques: new Set(), enums: new Set() };
    const cols = await client.query(`
      SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name,
             c.datetime_precision, c.numeric_precision, c.numeric_scale, e.udt_name AS elem
        FROM information_schema.columns c
        LEFT JOIN information_schema.element_types e
          ON e.object_catalog = c.table_catalog AND e.object_schema = c.table_schema
         AND e.object_name = c.table_name AND e.object_type = 'TABLE' AND e.collection_type_identifier = c.dtd_identifier
       WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'`);
    for (const r of cols.rows) {
      let type: string;
      if (r.data_type === 'USER-DEFINED') type = r.udt_name;
      else if (r.data_type === 'ARRAY') type = `${r.elem === 'text' ? 'text' : r.elem}[]`;
      else if (r.data_type.startsWith('timestamp')) type = `timestamp(${r.datetime_precision})`;
      else if (r.data_type === 'numeric') type = `numeric(${r.numeric_precision},${r.numeric_scale})`;
      else type = r.data_type;
      shape.columns.add(`${r.table_name}.${r.column_name}:${type}:${r.is_nullable === 'YES' ? 'null' : 'notnull'}`);
    }
    const idx = await client.query(`
      SELECT t.relname AS table, array_agg(a.attname::text ORDER BY a.attname) AS cols
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
       WHERE i.indisunique AND NOT i.indisprimary AND t.relname <> '_prisma_migrations'
       GROUP BY i.indexrelid, t.relname`);
    for (const r of idx.rows) shape.uniques.add(`${r.table}(${r.cols.join(',')})`);
    const enums = await client.query(`
      SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'`);
    for (const r of enums.rows) shape.enums.add(`${r.typname}.${r.enumlabel}`);
    return shape;
  } finally {
    await client.end();
  }
}

export function difference(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}
