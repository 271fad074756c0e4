import { expect } from 'vitest';

/** The OpenAPI document as the API serves it at /openapi.json. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** The problem types a response lists: the `type` enum of its problem+json schema. */
export function problemTypesOf(response: { content?: Record<string, { schema?: unknown }> } | undefined): string[] {
  const schema = response?.content?.['application/problem+json']?.schema as
    | { allOf?: { properties?: { type?: { enum?: string[] } } }[] }
    | undefined;
  return (schema?.allOf ?? []).flatMap((part) => part.properties?.type?.enum ?? []);
}

/** The path template of the document a concrete path falls under, the most literal first. */
export function pathTemplateOf(doc: OpenApiDocument, path: string): string | undefined {
  const bare = path.split('?')[0]!;
  const matches = Object.keys(doc.paths).filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  return matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/** Fails unless the document lists this answer (and this problem type) for the operation. */
export function expectDocumented(doc: OpenApiDocument, method: string, pathTemplate: string, status: number, problemType?: string) {
  const operation = doc.paths[pathTemplate]?.[method.toLowerCase()];
  expect(operation, `${method} ${pathTemplate} is in the document`).toBeDefined();
  const response = operation?.responses?.[String(status)];
  expect(response, `${method} ${pathTemplate} lists ${status}`).toBeDefined();
  if (problemType) expect(problemTypesOf(response), `${method} ${pathTemplate} ${status} lists ${problemType}`).toContain(problemType);
}
