import type { TSchema } from '@sinclair/typebox';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';

/**
 * The checks of a person's own fields (name, e-mail, role, password), with the pt-BR sentence the
 * console shows next to each field. Fastify's default validator would answer in English
 * ("must NOT have fewer than 10 characters"), and these forms are read by admins and invitees.
 * The routes keep their TypeBox schemas for the OpenAPI document; this is what enforces them.
 */
export type UserField = 'name' | 'email' | 'role' | 'password';

const ROLES = ['admin', 'supervisor', 'agent'];
// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 10;

const CHECKS: Record<UserField, (value: unknown) => string | undefined> = {
  name: (value) =>
    typeof value !== 'string' || value.trim() === ''
      ? 'Informe o nome.'
      : value.length > 120
        ? 'O nome pode ter até 120 caracteres.'
        : undefined,
  email: (value) =>
    typeof value !== 'string' || !EMAIL.test(value.trim()) || value.length > 254
      ? 'Informe um e-mail válido, como nome@empresa.com.br.'
      : undefined,
  role: (value) =>
    typeof value !== 'string' || !ROLES.includes(value)
      ? 'Escolha um perfil: administrador, supervisor ou agente.'
      : undefined,
  password: (value) =>
    typeof value !== 'string' || value.length < PASSWORD_MIN
      ? `A senha precisa ter pelo menos ${PASSWORD_MIN} caracteres.`
      : value.length > 200
        ? 'A senha pode ter até 200 caracteres.'
        : undefined,
};

/** The first field in `fields` that is wrong, as the ApiError the console shows next to it. */
export function checkUserFields(body: unknown, fields: readonly UserField[]): ApiError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return new ApiError('invalid_body');
  const record = body as Record<string, unknown>;
  for (const field of fields) {
    const message = CHECKS[field](record[field]);
    if (message) return new ApiError('invalid_body', field, message);
  }
  return undefined;
}

/** A route's validator: the body by `checkUserFields`, anything else (params) by its TypeBox schema. */
export function userFieldsValidator(fields: readonly UserField[]) {
  return ({ schema, httpPart }: { schema: unknown; httpPart?: string | undefined }) => {
    if (httpPart !== 'body') return compileValidator(schema as TSchema, 'invalid_parameter');
    return (body: unknown) => {
      const error = checkUserFields(body, fields);
      return error ? { error } : { value: body };
    };
  };
}
