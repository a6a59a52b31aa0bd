import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { resolveResponse, type JsonSchema, type OpenApiDocument, type Operation } from './openapiDocument';

/** What came back for one request, read in full (an event stream only to its headers). */
export type Reply = { status: number; contentType: string | null; text: string | null; headers?: Headers };

const BASE = 'https://meja.invalid/openapi.json';

const withAbsoluteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withAbsoluteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#') ? `${BASE}${item}` : withAbsoluteRefs(item),
    ]),
  );
};

/**
 * Checks answers against the document with a standard JSON Schema 2020-12 validator (Ajv):
 * the status must be declared for the operation, the content type one declared for that status,
 * and the body valid against that media type's schema. Returns the problems, none when it fits.
 */
export const createAnswerChecker = (doc: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
  const compiled = new Map<JsonSchema, ReturnType<typeof ajv.compile>>();
  const validatorOf = (schema: JsonSchema) => {
    let validate = compiled.get(schema);
    if (validate === undefined) {
      validate = ajv.compile(withAbsoluteRefs(schema) as JsonSchema);
      compiled.set(schema, validate);
    }
    return validate;
  };

  return (operation: Operation, reply: Reply): string[] => {
    const declared = operation.responses[String(reply.status)];
    if (declared === undefined) return [`status ${reply.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    const response = resolveResponse(doc, declared);
    const missing = Object.entries(response.headers ?? {})
      .filter(([name, header]) => (header as { required?: boolean }).required === true && reply.headers !== undefined && !reply.headers.has(name))
      .map(([name]) => `status ${reply.status} lacks its required header ${name}`);
    if (missing.length > 0) return missing;
    if (response.content === undefined)
      return reply.text === null || reply.text === '' ? [] : [`status ${reply.status} declares no body, got ${reply.text.slice(0, 200)}`];
    const mediaType = (reply.contentType ?? '').split(';')[0]?.trim() ?? '';
    const media = response.content[mediaType];
    if (media === undefined)
      return [`content type ${reply.contentType} is not declared for ${reply.status} (declared: ${Object.keys(response.content).join(', ')})`];
    if (media.schema === undefined || reply.text === null) return [];
    let body: unknown = reply.text;
    if (mediaType === 'application/json') {
      try {
        body = JSON.parse(reply.text);
      } catch {
        return [`the ${reply.status} body is not JSON: ${reply.text.slice(0, 200)}`];
      }
    }
    const validate = validatorOf(media.schema);
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (error) =>
          `${reply.status} body${error.instancePath} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}: ${JSON.stringify(body).slice(0, 300)}`,
      );
  };
};

/** A validator for request values (parameters, bodies) against the document's schemas, to tell invalid input from valid. */
export const createValueChecker = (doc: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
  const compiled = new Map<JsonSchema, ReturnType<typeof ajv.compile>>();
  return (schema: JsonSchema, value: unknown): boolean => {
    let validate = compiled.get(schema);
    if (validate === undefined) {
      validate = ajv.compile(withAbsoluteRefs(schema) as JsonSchema);
      compiled.set(schema, validate);
    }
    return validate(value) === true;
  };
};
