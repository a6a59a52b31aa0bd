import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError, parseInput } from '../http';
import type { BodyPart, InputPart, RouteContract } from './contract';

type Parsed<P> = P extends InputPart<infer T> ? T : undefined;

/** A route's input after its schemas have checked it. */
export type RouteInput<C extends RouteContract> = { params: Parsed<C['params']>; query: Parsed<C['query']>; body: Parsed<C['body']> };

type JsonOf<A> = A extends { content: { 'application/json': infer S extends z.ZodType } } ? z.input<S> : never;

/** The JSON bodies a route declares it answers with; a handler may also answer through `reply` (a status, a CSV, a stream). */
export type RouteAnswer<C extends RouteContract> = { [S in keyof C['responses']]: JsonOf<C['responses'][S]> }[keyof C['responses']] | FastifyReply;

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>, request: FastifyRequest, reply: FastifyReply) => Promise<RouteAnswer<C>>;

const parsePart = (part: InputPart<unknown> | undefined, raw: unknown): unknown => {
  if (part === undefined) return undefined;
  if (part.refusal === undefined) return parseInput(part.schema, raw, part.what);
  const result = part.schema.safeParse(raw);
  if (!result.success) throw new HttpError(400, 'invalid_request', part.refusal);
  return result.data;
};

const parseBody = (part: BodyPart<unknown> | undefined, raw: unknown): unknown => {
  part?.before?.(raw);
  return parsePart(part, raw);
};

const paramsOf = (contract: RouteContract, request: FastifyRequest): unknown => {
  const params = { ...(request.params as Record<string, string>) };
  if (contract.wildcard === undefined) return params;
  const { '*': rest = '', ...named } = params;
  return { ...named, [contract.wildcard]: rest };
};

/**
 * Registers a contract's route: the guard reads its access rule, and its path parameters, query
 * and body are parsed with its schemas (in that order) before the handler runs. `cleanup` runs
 * after the handler, also when the input was refused (an upload's temporary file).
 */
export const route = <const C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: RouteHandler<C>,
  options: { cleanup?: (request: FastifyRequest) => Promise<void> } = {},
): void => {
  app.route({
    method: contract.method,
    url: contract.url,
    config: { access: contract.access, ...(contract.checksNul === true ? { checksNul: true } : {}) },
    handler: async (request, reply) => {
      try {
        const input = {
          params: parsePart(contract.params, paramsOf(contract, request)),
          query: parsePart(contract.query, request.query),
          body: parseBody(contract.body, request.body),
        };
        // The parts were parsed with the contract's own schemas just above.
        const answer = await handler(input as RouteInput<C>, request, reply);
        // A handler that took over the socket (an event stream) has answered already.
        return reply.sent ? reply : answer;
      } finally {
        await options.cleanup?.(request);
      }
    },
  });
};
