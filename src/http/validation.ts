import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
import { ApiError, type ErrorCode } from './errors.js';
import './messages-pt-br.js';

/**
 * One validator per schema, compiled once, used by the routes (as Fastify's validator) and by
 * every other way a record comes in (batch items, mapped raw payloads, file import), so they
 * accept and reject exactly the same things with the same field paths.
 */
export type Validator<T> = (value: unknown) => { ok: true; value: T } | { ok: false; error: ApiError };

/** "/customer/phones/0" → "customer.phones[0]" */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ValueError): string {
  const field = pointerToField(error.path) || 'corpo';
  return `${field}: ${error.message}`;
}

export function compileValidator<T extends TSchema>(
  schema: T,
  code: ErrorCode = 'invalid_body',
): Validator<import('@sinclair/typebox').Static<T>> {
  const checker = TypeCompiler.Compile(schema);
  return (value) => {
    if (checker.Check(value)) return { ok: true, value };
    const first = checker.Errors(value).First();
    const field = first ? pointerToField(first.path) : undefined;
    return {
      ok: false,
      error: new ApiError(code, field || undefined, first ? `Campo inválido: ${describe(first)}` : undefined),
    };
  };
}
