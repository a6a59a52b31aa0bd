import { z } from 'zod';
import { apiErrorSchema } from '../../shared/api/sync';
import { reasonPhrase } from '../http';
import { ERROR_STATUS, errorCodesOf, type ErrorCode, type InputPart, type RouteContract } from './contract';

/**
 * The OpenAPI 3.1 document of the API, built from the route contracts: the zod schemas that parse
 * requests (as their input JSON Schema) and the answer schemas (as their output JSON Schema),
 * converted by zod's own `z.toJSONSchema` to JSON Schema 2020-12, the dialect of OpenAPI 3.1.
 */

type JsonSchema = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonObject>; securitySchemes: Record<string, JsonObject> };
  tags: Array<{ name: string }>;
};

const COMPONENT = '#/components/schemas/';

/** Errors any route can meet before or outside its handler, as shared response components. */
const TRANSPORT_ERRORS: ReadonlyArray<readonly [ErrorCode, string]> = [
  ['request_timeout', 'RequestTimeout'],
  ['headers_too_large', 'HeadersTooLarge'],
  ['internal', 'InternalError'],
];
const sharedResponseOf = (code: ErrorCode): string | undefined => TRANSPORT_ERRORS.find(([known]) => known === code)?.[1];

const ERROR_MEANING: Record<ErrorCode, string> = {
  invalid_request:
    'a parameter or field fails validation (the message names it), a NUL character, a malformed %-escape in the path, or a request that is not well-formed HTTP',
  invalid_json: 'the body is not JSON although its content-type says it is',
  invalid_cursor: 'the pull cursor is not one this server issued',
  unsupported_protocol: 'the push speaks another protocol version',
  invalid_file: 'the upload is not a file of the format (not zip, gzip or CSV; a header without its columns)',
  unauthorized: 'no valid, unexpired Bearer token',
  login_failed: 'wrong username or password',
  forbidden: 'the role may not call this route',
  not_found: 'no such record',
  request_timeout: 'the request did not arrive in time (the connection is closed)',
  username_taken: 'the username is in use',
  last_admin: 'the change would leave no active admin',
  self_deactivation: 'an admin deactivating their own account',
  not_resolved: 'the ticket is not resolved, so its caller has nothing to confirm',
  already_answered: 'the caller has answered this resolution already (one answer per resolution)',
  cursor_too_old: 'the cursor is older than what the server keeps: pull again from the start',
  payload_too_large: 'a JSON body over 10 MB',
  too_large: 'an import file over 100 MB',
  uri_too_long: 'a part of the path over 100 characters',
  unsupported_media_type: 'a body of a content-type this route does not read, or an attachment of a type not allowed',
  malware_found: 'the virus scanner found something in the file; it was not stored',
  scan_failed: 'the virus scanner could not check the file; it was not stored',
  rate_limited: 'too many requests: wait for Retry-After seconds',
  headers_too_large: 'the request line and headers over 16 KB (the connection is closed)',
  internal: 'a fault of the server (logged); bad input never causes one',
  storage_unavailable: 'the database refuses writes (disk full or read-only): wait for Retry-After seconds',
  database_unavailable: 'the server cannot reach its database (restarting): wait for Retry-After seconds',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer', minimum: 0 } } };

const errorSchema = (status: number, codes: readonly ErrorCode[]): JsonSchema => ({
  allOf: [{ $ref: `${COMPONENT}ApiError` }, { type: 'object', properties: { statusCode: { const: status }, code: { enum: [...codes] } } }],
});

const errorResponse = (status: number, codes: readonly ErrorCode[]): JsonObject => ({
  description: `${reasonPhrase(status)}: ${codes.map((code) => `\`${code}\` (${ERROR_MEANING[code]})`).join('; ')}.`,
  ...(codes.some((code) => code === 'rate_limited' || code === 'storage_unavailable' || code === 'database_unavailable') ? { headers: RETRY_AFTER } : {}),
  content: { 'application/json': { schema: errorSchema(status, codes) } },
});

/** `/api/users/:id` → `/api/users/{id}`; a final `*` becomes the wildcard's name. */
export const openApiPath = (contract: Pick<RouteContract, 'url' | 'wildcard'>): string =>
  contract.url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\*$/, `{${contract.wildcard ?? 'path'}}`);

const accessText = (access: RouteContract['access']): string =>
  access === 'public' ? 'anyone, no token' : access === 'signed-in' ? 'any signed-in user' : `signed in as ${access.join(' or ')}`;

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Converts every schema at once, so schemas named with `.meta({ id })` become shared components. */
class SchemaSet {
  private readonly registry = z.registry<{ id: string }>();
  private readonly ids = new Map<z.ZodType, string>();

  constructor(private readonly io: 'input' | 'output') {}

  /** A `$ref` to the schema's component, named by its own id or else by `fallback`. */
  ref(schema: z.ZodType, fallback: string): JsonSchema {
    let id = this.ids.get(schema);
    if (id === undefined) {
      id = z.globalRegistry.get(schema)?.id ?? fallback;
      this.ids.set(schema, id);
      this.registry.add(schema, { id });
    }
    return { $ref: `${COMPONENT}${id}` };
  }

  convert(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, { target: 'draft-2020-12', io: this.io, unrepresentable: 'any', uri: (id) => `${COMPONENT}${id}` });
    const out: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(schemas)) {
      // zod marks each as a document of its own ($schema, $id); as components they are parts of this one.
      const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id'));
      // Named schemas that only appear nested land under `__shared`: lift them to components of their own.
      if (id === '__shared' && typeof rest.$defs === 'object' && rest.$defs !== null) Object.assign(out, rest.$defs);
      else out[id] = rest;
    }
    return rewriteSharedRefs(out) as Record<string, JsonSchema>;
  }
}

const rewriteSharedRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteSharedRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' ? item.replace(`${COMPONENT}__shared#/$defs/`, COMPONENT) : rewriteSharedRefs(item),
    ]),
  );
};

/** A path or query object schema, split into one OpenAPI parameter per property. */
const parametersOf = (objectSchema: JsonSchema | undefined, where: 'path' | 'query'): JsonObject[] => {
  if (objectSchema === undefined) return [];
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((objectSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
};

const isStrict = (schema: JsonSchema | undefined): boolean => schema?.additionalProperties === false;

/** The document for these routes; the same routes in, the same document out. */
export const buildOpenApiDocument = (contracts: readonly RouteContract[], version: string): OpenApiDocument => {
  const requests = new SchemaSet('input');
  const answers = new SchemaSet('output');
  answers.ref(apiErrorSchema, 'ApiError');
  const partRefs = new Map<InputPart<unknown>, string>();
  const partRef = (part: InputPart<unknown> | undefined, name: string): void => {
    if (part === undefined) return;
    const ref = requests.ref(part.schema, name).$ref;
    if (typeof ref === 'string') partRefs.set(part, ref.slice(COMPONENT.length));
  };
  const answerRefs = new Map<z.ZodType, JsonSchema>();
  for (const contract of contracts) {
    const name = capitalised(contract.id);
    partRef(contract.params, `${name}Params`);
    partRef(contract.query, `${name}Query`);
    partRef(contract.body, `${name}Request`);
    for (const [status, answer] of Object.entries(contract.responses)) {
      for (const [mediaType, schema] of Object.entries(answer.content ?? {})) {
        answerRefs.set(schema, answers.ref(schema, `${name}${status}${mediaType === 'application/json' ? '' : capitalised(mediaType.replace(/\W.*$/, ''))}`));
      }
    }
  }
  const requestSchemas = requests.convert();
  const answerSchemas = answers.convert();
  const schemas: Record<string, JsonSchema> = { ...answerSchemas };
  for (const [id, schema] of Object.entries(requestSchemas)) {
    const known = schemas[id];
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(schema))
      throw new Error(`The schema ${id} differs between requests and answers: give one of them its own id.`);
    schemas[id] = schema;
  }

  const parameterSchema = (part: InputPart<unknown> | undefined): JsonSchema | undefined => {
    const id = part === undefined ? undefined : partRefs.get(part);
    return id === undefined ? undefined : requestSchemas[id];
  };
  const usedAsParameters = new Set<string>();
  const paths: OpenApiDocument['paths'] = {};
  const seen = new Set<string>();
  for (const contract of contracts) {
    if (seen.has(contract.id)) throw new Error(`Two routes have the id ${contract.id}.`);
    seen.add(contract.id);
    const path = openApiPath(contract);
    const paramsSchema = parameterSchema(contract.params);
    const querySchema = parameterSchema(contract.query);
    for (const part of [contract.params, contract.query]) {
      const id = part === undefined ? undefined : partRefs.get(part);
      if (id !== undefined) usedAsParameters.add(id);
    }
    const responses: Record<string, JsonObject> = {};
    for (const [status, answer] of Object.entries(contract.responses)) {
      responses[status] = {
        description: answer.description,
        ...(answer.headers === undefined
          ? {}
          : {
              headers: Object.fromEntries(Object.entries(answer.headers).map(([header, description]) => [header, { description, schema: { type: 'string' } }])),
            }),
        ...(answer.content === undefined
          ? {}
          : { content: Object.fromEntries(Object.entries(answer.content).map(([mediaType, schema]) => [mediaType, { schema: answerRefs.get(schema) }])) }),
      };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodesOf(contract)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      if (responses[status] !== undefined) throw new Error(`${contract.method} ${contract.url} declares ${status} both as an answer and as an error.`);
      const shared = codes.length === 1 && codes[0] !== undefined ? sharedResponseOf(codes[0]) : undefined;
      responses[status] = shared === undefined ? errorResponse(status, codes) : { $ref: `#/components/responses/${shared}` };
    }
    const bodyRef = contract.body === undefined ? undefined : partRefs.get(contract.body);
    const operation: JsonObject = {
      operationId: contract.id,
      summary: contract.summary,
      description: [contract.description, `Access: ${accessText(contract.access)}.`].filter((line) => line !== undefined).join('\n\n'),
      tags: [tagOf(path)],
      'x-meja-access': contract.access,
      security: contract.access === 'public' ? [] : [{ bearer: [] }],
      parameters: [...parametersOf(paramsSchema, 'path'), ...parametersOf(querySchema, 'query')],
      // Whether a query parameter not listed is refused (400) rather than ignored.
      ...(querySchema === undefined ? {} : { 'x-meja-strict-query': isStrict(querySchema) }),
      ...(bodyRef === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `${COMPONENT}${bodyRef}` } } } } }),
      ...(contract.upload === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              description: contract.upload.description,
              content: Object.fromEntries(
                contract.upload.contentTypes.map((type) => [
                  type,
                  {
                    schema: { type: 'string', contentMediaType: type },
                    ...(contract.upload?.examples?.[type] === undefined ? {} : { example: contract.upload.examples[type] }),
                  },
                ]),
              ),
            },
          }),
      responses,
    };
    paths[path] = { ...paths[path], [contract.method.toLowerCase()]: operation };
  }
  // Parameter objects were split into parameters above; requests reach them through those only.
  const components = Object.fromEntries(Object.entries(schemas).filter(([id]) => !usedAsParameters.has(id)));

  return {
    openapi: '3.1.0',
    info: {
      title: 'Meja HTTP API',
      version,
      description:
        'The central server of Meja, an offline-first help desk console. Prose, examples and the sync protocol: docs/API.md. Generated from the route contracts in server/routes.',
    },
    tags: [...new Set(Object.keys(paths).map(tagOf))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(TRANSPORT_ERRORS.map(([code, id]) => [id, errorResponse(ERROR_STATUS[code], [code])])),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token of POST /api/auth/login.' } },
    },
  };
};

/** The group of a path: its first part after /api (`/api/users/{id}` → `users`). */
const tagOf = (path: string): string => path.split('/')[2] ?? 'api';
