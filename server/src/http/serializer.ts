import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError, serializerCompiler as zodEncodeSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';

/**
 * Response serialisation through the route's zod schema — unknown fields stripped (price
 * masking relies on it), every check run, a mismatch a 500 — at half the cost.
 *
 * fastify-type-provider-zod encodes (`safeEncode`): zod's backward direction runs each schema
 * with checks twice (a check-free canary pass, the checks, then the real pass), which was 9 % of
 * the CPU of `GET /api/me`. For a schema with no direction-dependent part — no transform, pipe,
 * codec, default, prefault, catch, lazy or overwrite check anywhere inside — encoding and
 * parsing accept and produce exactly the same values, so such a schema is parsed forwards, once.
 * Any other schema keeps the library's encode.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const schema = route.schema;
  if (!(schema instanceof $ZodType) || !isDirectionFree(schema)) return zodEncodeSerializerCompiler(route as never);
  const { method, url } = route;
  return (data) => {
    const result = safeParse(schema, data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};

const DIRECTIONAL = new Set(['transform', 'pipe', 'default', 'prefault', 'catch', 'lazy', 'promise', 'function', 'success', 'custom']);

/** True when no part of the schema behaves differently in zod's forward and backward directions. */
export function isDirectionFree(root: $ZodType): boolean {
  const seen = new Set<$ZodType>();
  const visit = (s: $ZodType): boolean => {
    if (seen.has(s)) return true;
    seen.add(s);
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string; checks?: { _zod: { def: { check: string } } }[] };
    if (DIRECTIONAL.has(def.type)) return false;
    if (def.checks?.some((c) => c._zod.def.check === 'overwrite')) return false;
    for (const key of Object.keys(def)) {
      if (key === 'checks') continue;
      const v = def[key];
      if (v instanceof $ZodType) {
        if (!visit(v)) return false;
      } else if (Array.isArray(v)) {
        for (const x of v) if (x instanceof $ZodType && !visit(x)) return false;
      } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        for (const x of Object.values(v)) if (x instanceof $ZodType && !visit(x)) return false;
      }
    }
    return true;
  };
  return visit(root);
}
