import { generateSync, type JsonSchema as FakerSchema } from 'json-schema-faker';
import type { Role } from '../../shared/domain/records';
import { seededRandom } from '../../shared/seededRandom';
import { createValueChecker } from './answerChecker';
import type { JsonSchema, OpenApiDocument, Operation, Parameter } from './openapiDocument';
import { encodeHostile } from './percentEncoding';

/**
 * Requests made from the OpenAPI document alone, as an outside tester would: positive ones from
 * each operation's declared schemas (json-schema-faker, seeded), negative ones that break exactly
 * one declared rule (checked against the document with Ajv before they are sent), and requests
 * by someone the access rule turns away. The same seed gives the same request.
 */

export type Principal = 'anonymous' | 'bad token' | Role;
export type Mode = 'positive' | 'negative' | 'access';
/** What the answer must be beyond fitting the document: any declared answer, a 4xx, or the guard's 401 or 403. */
export type Expectation = 'declared' | '4xx' | 401 | 403;

export type TestRequest = {
  operation: Operation;
  who: Principal;
  path: string;
  query: Array<[string, string]>;
  body?: { contentType: string; data: string };
  expect: Expectation;
  /** What was broken, for a negative request. */
  broken?: string;
};

const ROLE_ORDER: readonly Role[] = ['technician', 'supervisor', 'admin'];

/** The least privileged principal the access rule lets in. */
const allowedPrincipal = (operation: Operation): Principal => {
  const access = operation['x-meja-access'];
  if (access === 'public') return 'anonymous';
  if (access === 'signed-in') return 'technician';
  return ROLE_ORDER.find((role) => access.includes(role)) ?? 'admin';
};

/** Texts that are valid wherever any text is, and have broken servers before: control and surrogate characters, markup, SQL, huge numbers. */
const AWKWARD_TEXTS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\u202Eevil',
  '😀👩🏽‍💻',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%00',
  '../../etc/passwd',
  '1e309',
  '-0',
  '__proto__',
  'constructor',
  ' ',
  '\t\n',
];

const WRONG_TYPES: readonly unknown[] = [null, 12_345, -1.5, 'text', true, [], {}, [1, 'two']];
const BAD_QUERY_VALUES: readonly string[] = ['', 'abc', '-1', '0', '1.5', '1e3', 'x'.repeat(300), 'null', '[]'];

export const createRequestGenerator = (doc: OpenApiDocument, known: Readonly<Record<string, readonly string[]>>) => {
  const isValid = createValueChecker(doc);
  /** Generated against the document, so `#/components/...` references resolve. Arrays of at most 5: a push of 1000 random mutations costs seconds and finds nothing 5 would not. */
  const fake = (schema: JsonSchema, seed: number): unknown => {
    const random = seededRandom(seed ^ 0x27d4eb2d);
    // One text in five, where the schema allows any text of its length, is an awkward one.
    const awkward = (value: unknown, at: FakerSchema): unknown => {
      if (
        typeof value !== 'string' ||
        typeof at !== 'object' ||
        at.pattern !== undefined ||
        at.format !== undefined ||
        at.enum !== undefined ||
        at.const !== undefined ||
        random() >= 0.2
      )
        return value;
      const text = AWKWARD_TEXTS[Math.floor(random() * AWKWARD_TEXTS.length)] ?? '';
      const min = typeof at.minLength === 'number' ? at.minLength : 0;
      const max = typeof at.maxLength === 'number' ? at.maxLength : Number.POSITIVE_INFINITY;
      const sized = text.length < min ? text.padEnd(min, 'x') : text;
      return [...sized].length > max ? value : sized;
    };
    return generateSync(
      { ...schema, components: doc.components },
      { seed, maxItems: 5, maxDefaultItems: 3, optionalsProbability: 0.5, outputTransform: awkward },
    );
  };

  const queryValueFits = (parameter: Parameter, raw: string): boolean => {
    const type = parameter.schema.type;
    const value = type === 'integer' || type === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
    return isValid(parameter.schema, value);
  };

  const textOf = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

  const pathOf = (operation: Operation, random: () => number, seed: number): string =>
    operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
      const pool = known[name] ?? [];
      const value = pool.length > 0 && random() < 0.6 ? pool[Math.floor(random() * pool.length)] : textOf(fake(parameter?.schema ?? { type: 'string' }, seed));
      return encodeHostile(value ?? '');
    });

  const positiveQuery = (operation: Operation, random: () => number, seed: number): Array<[string, string]> =>
    operation.parameters
      .filter((p) => p.in === 'query' && (p.required || random() < 0.5))
      .map((p, index) => {
        const examples = Array.isArray(p.schema.examples) ? (p.schema.examples as unknown[]) : [];
        const value = examples.length > 0 && random() < 0.6 ? examples[Math.floor(random() * examples.length)] : fake(p.schema, seed + index + 1);
        return [p.name, textOf(value)];
      });

  const bodySchema = (operation: Operation): { contentType: string; schema: JsonSchema } | undefined => {
    const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
    return contentType === undefined || media?.schema === undefined ? undefined : { contentType, schema: media.schema };
  };

  /** A body of one of the declared media types: its documented example half the time, where it has one. */
  const positiveBody = (operation: Operation, random: () => number, seed: number): { contentType: string; data: string } | undefined => {
    const media = Object.entries(operation.requestBody?.content ?? {});
    const withExample = media.filter(([, m]) => m.example !== undefined);
    const pool = withExample.length > 0 && random() < 0.5 ? withExample : media;
    const [contentType, chosen] = pool[Math.floor(random() * pool.length)] ?? [];
    if (contentType === undefined || chosen === undefined) return undefined;
    if (chosen.example !== undefined && random() < 0.9) return { contentType, data: textOf(chosen.example) };
    if (chosen.schema === undefined) return undefined;
    const value = fake(chosen.schema, seed + 100);
    return { contentType, data: contentType === 'application/json' ? JSON.stringify(value) : textOf(value) };
  };

  const positive = (operation: Operation, seed: number): TestRequest => {
    const random = seededRandom(seed);
    const body = positiveBody(operation, random, seed);
    return {
      operation,
      who: allowedPrincipal(operation),
      path: pathOf(operation, random, seed),
      query: positiveQuery(operation, random, seed),
      ...(body === undefined ? {} : { body }),
      expect: 'declared',
    };
  };

  /** Each way to break one declared rule of this operation; each returns null when it cannot break it this time. */
  const breakers = (operation: Operation, base: TestRequest, random: () => number): Array<() => TestRequest | null> => {
    const list: Array<() => TestRequest | null> = [];
    const query = operation.parameters.filter((p) => p.in === 'query');
    for (const parameter of query) {
      if (parameter.required)
        list.push(() => ({ ...base, query: base.query.filter(([name]) => name !== parameter.name), broken: `without the required ${parameter.name}` }));
      list.push(() => {
        const bad = BAD_QUERY_VALUES.filter((raw) => !queryValueFits(parameter, raw));
        const raw = bad[Math.floor(random() * bad.length)];
        if (raw === undefined) return null;
        return {
          ...base,
          query: [...base.query.filter(([name]) => name !== parameter.name), [parameter.name, raw]],
          broken: `${parameter.name}=${raw.slice(0, 20)}`,
        };
      });
    }
    if (operation['x-meja-strict-query'] === true)
      list.push(() => ({ ...base, query: [...base.query, ['colour', 'blue']], broken: 'an unknown query parameter' }));
    const declared = bodySchema(operation);
    if (declared?.contentType === 'application/json' && base.body !== undefined) {
      const valid: unknown = JSON.parse(base.body.data);
      const asBody = (value: unknown, broken: string): TestRequest | null =>
        isValid(declared.schema, value) ? null : { ...base, body: { contentType: declared.contentType, data: JSON.stringify(value) }, broken };
      list.push(() => asBody(WRONG_TYPES[Math.floor(random() * WRONG_TYPES.length)], 'a body of the wrong type'));
      list.push(() => ({ ...base, body: { contentType: declared.contentType, data: '{"unfinished": ' }, broken: 'a body that is not JSON' }));
      if (typeof valid === 'object' && valid !== null && !Array.isArray(valid)) {
        const record = valid as Record<string, unknown>;
        const keys = Object.keys(record);
        list.push(() => {
          const key = keys[Math.floor(random() * keys.length)];
          if (key === undefined) return null;
          return asBody(Object.fromEntries(Object.entries(record).filter(([name]) => name !== key)), `without ${key}`);
        });
        list.push(() => {
          const key = keys[Math.floor(random() * keys.length)];
          if (key === undefined) return null;
          return asBody({ ...record, [key]: WRONG_TYPES[Math.floor(random() * WRONG_TYPES.length)] }, `${key} of a wrong type`);
        });
        list.push(() => asBody({ ...record, colour: 'blue' }, 'an unknown field'));
      }
    }
    return list;
  };

  const negative = (operation: Operation, seed: number): TestRequest | null => {
    const base = positive(operation, seed);
    const random = seededRandom(seed ^ 0x5bd1e995);
    const list = breakers(operation, base, random);
    // Try the breakers from a random start; the first that breaks a rule this time is the request.
    const start = Math.floor(random() * list.length);
    for (let i = 0; i < list.length; i += 1) {
      const request = list[(start + i) % list.length]?.();
      if (request !== null && request !== undefined) return { ...request, expect: '4xx' };
    }
    return null;
  };

  const turnedAway = (operation: Operation, seed: number): TestRequest | null => {
    const access = operation['x-meja-access'];
    if (access === 'public') return null;
    const base = positive(operation, seed);
    const random = seededRandom(seed);
    const outsiders = typeof access === 'string' ? [] : ROLE_ORDER.filter((role) => !access.includes(role));
    const pick = Math.floor(random() * (outsiders.length + 2));
    if (pick === 0) return { ...base, who: 'anonymous', expect: 401 };
    if (pick === 1) return { ...base, who: 'bad token', expect: 401 };
    return { ...base, who: outsiders[pick - 2] ?? 'anonymous', expect: outsiders[pick - 2] === undefined ? 401 : 403 };
  };

  return (operation: Operation, mode: Mode, seed: number): TestRequest | null => {
    if (mode === 'positive') return positive(operation, seed);
    if (mode === 'negative') return negative(operation, seed);
    return turnedAway(operation, seed);
  };
};
