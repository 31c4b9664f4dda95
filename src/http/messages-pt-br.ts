import {
  DefaultErrorFunction,
  type ErrorFunctionParameter,
  SetErrorFunction,
  ValueErrorType,
} from '@sinclair/typebox/errors';

/** Validation messages in pt-BR: they reach the source system's developers and the console's users. */
function ptBrMessage(error: ErrorFunctionParameter): string {
  const schema = error.schema as Record<string, unknown>;
  switch (error.errorType) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'campo obrigatório ausente';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'campo não reconhecido';
    case ValueErrorType.ObjectMaxProperties:
      return `no máximo ${schema.maxProperties} campos`;
    case ValueErrorType.Object:
      return 'deve ser um objeto';
    case ValueErrorType.Array:
      return 'deve ser uma lista';
    case ValueErrorType.ArrayMaxItems:
      return `no máximo ${schema.maxItems} itens`;
    case ValueErrorType.ArrayMinItems:
      return `no mínimo ${schema.minItems} item(ns)`;
    case ValueErrorType.String:
      return 'deve ser texto';
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? 'não pode ser vazio' : `no mínimo ${schema.minLength} caracteres`;
    case ValueErrorType.StringMaxLength:
      return `no máximo ${schema.maxLength} caracteres`;
    case ValueErrorType.StringPattern:
      return 'formato inválido';
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return 'deve ser um número';
    case ValueErrorType.Boolean:
      return 'deve ser true ou false';
    case ValueErrorType.Literal:
      return `deve ser ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union: {
      const options = (schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const);
      return options?.every((o) => o !== undefined)
        ? `deve ser um destes valores: ${options.map((o) => JSON.stringify(o)).join(', ')}`
        : 'tipo de valor não aceito';
    }
    default:
      return DefaultErrorFunction(error);
  }
}

SetErrorFunction(ptBrMessage);

/** One of Fastify's (Ajv's) route validation errors, as its keyword and parameters describe it. */
export interface AjvErrorLike {
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'texto',
  integer: 'um número inteiro',
  number: 'um número',
  boolean: 'verdadeiro ou falso',
  object: 'um objeto',
  array: 'uma lista',
  null: 'nulo',
};

/**
 * Route schemas are checked by Fastify's Ajv, whose messages are English ("must NOT have fewer
 * than 10 characters"); the console shows them next to the field, so they are said in pt-BR.
 */
export function ajvMessagePtBr(error: AjvErrorLike): string {
  const p = error.params ?? {};
  switch (error.keyword) {
    case 'required':
      return 'campo obrigatório ausente';
    case 'additionalProperties':
      return 'campo não reconhecido';
    case 'minLength':
      return p.limit === 1 ? 'não pode ser vazio' : `deve ter no mínimo ${p.limit} caracteres`;
    case 'maxLength':
      return `deve ter no máximo ${p.limit} caracteres`;
    case 'minimum':
      return `deve ser no mínimo ${p.limit}`;
    case 'maximum':
      return `deve ser no máximo ${p.limit}`;
    case 'exclusiveMinimum':
      return `deve ser maior que ${p.limit}`;
    case 'exclusiveMaximum':
      return `deve ser menor que ${p.limit}`;
    case 'minItems':
      return `deve ter no mínimo ${p.limit} item(ns)`;
    case 'maxItems':
      return `deve ter no máximo ${p.limit} itens`;
    case 'type': {
      const types = String(p.type ?? '')
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type);
      return `deve ser ${types.join(' ou ')}`;
    }
    case 'format':
      return p.format === 'email' ? 'deve ser um e-mail válido' : `formato inválido (${p.format})`;
    case 'pattern':
      return 'formato inválido';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'valor não permitido';
    default:
      return error.message ?? 'valor inválido';
  }
}
