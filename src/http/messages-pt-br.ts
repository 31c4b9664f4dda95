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
