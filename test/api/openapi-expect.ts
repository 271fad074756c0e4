/**
 * Whether an answer is one the OpenAPI document promises: its status is a documented response of the
 * operation, and a problem's `type` is one the response lists. A problem response is documented as
 * `responses[status].content['application/problem+json'].schema`: the `Problem` component, with `type`
 * narrowed to an `enum` (or `const`) of full type URIs, directly or through `$ref`, `allOf`, `oneOf`, `anyOf`.
 */

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaObject>;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  [key: string]: unknown;
}
interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: SchemaObject }>;
}
interface OperationObject {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, SchemaObject>; responses?: Record<string, ResponseObject> };
}

const PROBLEM_JSON = 'application/problem+json';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Follows a local `$ref` (`#/components/...`, JSON Pointer escapes included). */
function deref<T extends { $ref?: string }>(doc: OpenApiDocument, value: T, seen = new Set<string>()): T {
  if (!value?.$ref) return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new Error(`only local references are followed, not ${ref}`);
  if (seen.has(ref)) throw new Error(`circular reference ${ref}`);
  seen.add(ref);
  let target: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  if (target === undefined) throw new Error(`${ref} does not resolve`);
  return deref(doc, target as T, seen);
}

/**
 * The path template of the document that `path` names: the template itself, or a concrete path that
 * matches one (`/requests/42/form/basic`). Of several matching templates the one with the most literal
 * segments wins, as a router prefers `/requests/{id}/form/basic` over `/requests/{id}/form/{part}`.
 */
export function templateOf(doc: OpenApiDocument, path: string): string | undefined {
  const paths = Object.keys(doc.paths ?? {});
  if (paths.includes(path)) return path;
  const segments = path.split('?')[0]!.split('/');
  let best: { template: string; literals: number } | undefined;
  for (const template of paths) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let literals = 0;
    const matches = parts.every((p, i) => {
      if (/^\{[^}]+\}$/.test(p)) return segments[i] !== '';
      literals++;
      return p === segments[i];
    });
    if (matches && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/** The response the operation documents for `status`: exactly, by its range (`4XX`), or `default`. */
function responseFor(responses: Record<string, ResponseObject>, status: number): ResponseObject | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses[`${String(status)[0]}xx`] ?? responses.default;
}

/**
 * The problem types a schema admits, or `undefined` when it does not constrain `type`. `allOf` narrows
 * (every part holds), `oneOf` / `anyOf` widen (one part holds).
 */
export function problemTypesOf(doc: OpenApiDocument, schema: SchemaObject | undefined): Set<string> | undefined {
  if (!schema) return undefined;
  const s = deref(doc, schema);
  let allowed: Set<string> | undefined;
  const narrow = (next: Set<string> | undefined) => {
    if (next === undefined) return;
    allowed = allowed === undefined ? next : new Set([...allowed].filter((t) => next.has(t)));
  };
  const typeProperty = s.properties?.type ? deref(doc, s.properties.type) : undefined;
  if (typeProperty) narrow(valuesOf(doc, typeProperty));
  for (const part of s.allOf ?? []) narrow(problemTypesOf(doc, part));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alternatives = s[key];
    if (!alternatives) continue;
    const each = alternatives.map((a) => problemTypesOf(doc, a));
    // An alternative that leaves `type` open leaves it open for the whole.
    narrow(each.some((t) => t === undefined) ? undefined : new Set(each.flatMap((t) => [...t!])));
  }
  return allowed;
}

/** The string values a schema of the `type` property admits, or `undefined` when any string is admitted. */
function valuesOf(doc: OpenApiDocument, schema: SchemaObject): Set<string> | undefined {
  const s = deref(doc, schema);
  let allowed: Set<string> | undefined;
  const narrow = (next: Set<string> | undefined) => {
    if (next === undefined) return;
    allowed = allowed === undefined ? next : new Set([...allowed].filter((t) => next.has(t)));
  };
  if (s.enum) narrow(new Set(s.enum.filter((v): v is string => typeof v === 'string')));
  if (typeof s.const === 'string') narrow(new Set([s.const]));
  for (const part of s.allOf ?? []) narrow(valuesOf(doc, part));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alternatives = s[key];
    if (!alternatives) continue;
    const each = alternatives.map((a) => valuesOf(doc, a));
    narrow(each.some((t) => t === undefined) ? undefined : new Set(each.flatMap((t) => [...t!])));
  }
  return allowed;
}

/** What is undocumented about an answer, or null when the document lists it. */
export function undocumented(doc: OpenApiDocument, method: string, path: string, status: number, problemType?: string): string | null {
  const template = templateOf(doc, path);
  const name = `${method.toUpperCase()} ${template ?? path}`;
  if (!template) return `${name}: no such path in the document`;
  const m = method.toLowerCase();
  const operation = METHODS.has(m) ? (doc.paths![template]![m] as OperationObject | undefined) : undefined;
  if (!operation) return `${name}: no such operation in the document`;
  const listed = responseFor(operation.responses ?? {}, status);
  if (!listed) return `${name}: answered ${status}, documented ${Object.keys(operation.responses ?? {}).join(', ') || 'no responses'}`;
  if (problemType === undefined) return null;
  const response = deref(doc, listed);
  const content = response.content?.[PROBLEM_JSON];
  if (!content)
    return `${name}: ${status} answers ${PROBLEM_JSON}, documented ${Object.keys(response.content ?? {}).join(', ') || 'no content'}`;
  const types = problemTypesOf(doc, content.schema);
  if (!types) return `${name}: ${status} lists no problem types (type is not an enum), answered ${problemType}`;
  if (!types.has(problemType)) return `${name}: ${status} answered ${problemType}, documented ${[...types].join(', ') || 'none'}`;
  return null;
}

/** Throws unless the document lists `status` (and, for a problem, its `type`) for the operation. */
export function expectDocumented(doc: OpenApiDocument, method: string, pathTemplate: string, status: number, problemType?: string): void {
  const wrong = undocumented(doc, method, pathTemplate, status, problemType);
  if (wrong) throw new Error(`undocumented answer: ${wrong}`);
}
