import jsonata from 'jsonata';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';
import { BatchItem } from './record-schema.js';

/**
 * A source's mapping is a JSONata expression that turns the source's own payload (its ERP's
 * webhook JSON) into a record: `{ externalId, state, status, occurredAt, customer, fields, critical }`.
 * Compiled expressions are cached by their text, so a mapping is parsed once per process.
 */
const compiled = new Map<string, jsonata.Expression>();
const validateMapped = compileValidator(BatchItem);

export class MappingSyntaxError extends Error {
  override readonly name = 'MappingSyntaxError';
}

export function compileMapping(expression: string): jsonata.Expression {
  let result = compiled.get(expression);
  if (result === undefined) {
    try {
      result = jsonata(expression);
    } catch (error) {
      const detail = error as { message?: string; position?: number };
      throw new MappingSyntaxError(`mapeamento inválido na posição ${detail.position ?? '?'}: ${detail.message}`, {
        cause: error,
      });
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(expression, result);
  }
  return result;
}

/** Runs the mapping on a payload; a record that does not come out whole is a 422 naming the field. */
export async function mapPayload(expression: string, payload: unknown) {
  let output: unknown;
  try {
    output = await compileMapping(expression).evaluate(payload);
  } catch (error) {
    if (error instanceof MappingSyntaxError) throw new ApiError('mapping_failed', undefined, error.message);
    const detail = error as { message?: string };
    throw new ApiError('mapping_failed', undefined, `O mapeamento falhou: ${detail.message ?? String(error)}`);
  }
  const validated = validateMapped(stripUndefined(output));
  if (!validated.ok) {
    const field = validated.error.field;
    throw new ApiError(
      'mapping_failed',
      field,
      field
        ? `O mapeamento não produziu o campo ${field} de forma válida (${validated.error.message}).`
        : validated.error.message,
    );
  }
  return validated.value;
}

/** JSONata leaves absent paths as undefined properties; JSON has no such thing. */
function stripUndefined(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
