import { z } from '@hono/zod-openapi';

/** Any JSON value: what a stored form part or a record's history value is. */
export type JsonValue = z.core.util.JSONType;

/** For answers only (never checked): a JSON value, documented as such without a recursive schema. */
export const JsonValueSchema = z
  .custom<JsonValue>()
  .openapi({ type: ['object', 'array', 'string', 'number', 'boolean', 'null'], description: 'any JSON value' });
