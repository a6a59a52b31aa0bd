import type { Access, RouteRule } from '../../server/auth/guard';

/** The parts of an OpenAPI 3.1 document the contract tests read, as an outside client sees them. */

export type JsonSchema = Record<string, unknown>;
export type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema };
export type MediaTypes = Record<string, { schema?: JsonSchema; example?: unknown }>;
export type ResponseObject = { description: string; content?: MediaTypes; headers?: Record<string, unknown>; $ref?: string };
export type OperationObject = {
  operationId: string;
  'x-meja-access': Access;
  'x-meja-strict-query'?: boolean;
  security: Array<Record<string, string[]>>;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: MediaTypes };
  responses: Record<string, ResponseObject>;
};
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, ResponseObject> };
};

export type Operation = OperationObject & { method: string; path: string };

export const operationsOf = (doc: OpenApiDocument): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );

/** A response, with a `$ref` to a shared component followed. */
export const resolveResponse = (doc: OpenApiDocument, response: ResponseObject): ResponseObject => {
  if (response.$ref === undefined) return response;
  const found = doc.components.responses[response.$ref.replace('#/components/responses/', '')];
  if (found === undefined) throw new Error(`No response ${response.$ref}`);
  return found;
};

/** A path with every parameter made alike: `/api/users/:id`, `/api/users/{id}` and `/api/track/*` compare by shape. */
const shapeOf = (path: string): string => path.replace(/\{[^}]+\}|:[A-Za-z]+|\*$/g, '{}');

/**
 * Routes the server registered that the document does not list, and operations the document
 * lists that the server does not have, each as `METHOD path`. Both empty: the document is complete.
 */
export const compareRoutes = (routes: readonly RouteRule[], doc: OpenApiDocument): { undocumented: string[]; unregistered: string[] } => {
  const registered = new Set(routes.map((rule) => `${rule.method} ${shapeOf(rule.url)}`));
  const documented = new Set(operationsOf(doc).map((operation) => `${operation.method} ${shapeOf(operation.path)}`));
  return {
    undocumented: [...registered].filter((route) => !documented.has(route)).sort(),
    unregistered: [...documented].filter((route) => !registered.has(route)).sort(),
  };
};
