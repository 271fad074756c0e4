import type { z } from 'zod';

/** Any JSON value, as `z.json()` describes it: what a stored form part or a record module is. */
export type JsonValue = z.core.util.JSONType;
