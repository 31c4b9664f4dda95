/**
 * Every error a client can see, by stable code: its HTTP status and a pt-BR message a person
 * reads. Routes throw `apiError(code, field?)`; the error handler turns it into
 * `{ code, message, field? }`. Codes never change once published; messages may.
 */
export const ERRORS = {
  invalid_body: { status: 400, message: 'Corpo da requisição inválido.' },
  invalid_json: { status: 400, message: 'O corpo não é um JSON válido.' },
  invalid_parameter: { status: 400, message: 'Parâmetro inválido.' },
  batch_too_large: { status: 400, message: 'O lote tem mais registros do que o permitido (1000).' },
  unauthorized: { status: 401, message: 'Chave de API ausente ou inválida.' },
  invalid_signature: { status: 401, message: 'Assinatura do webhook inválida.' },
  forbidden_source: { status: 403, message: 'Esta chave de API pertence a outra origem.' },
  source_not_found: { status: 404, message: 'Origem desconhecida.' },
  record_not_found: { status: 404, message: 'Registro não encontrado nesta origem.' },
  ticket_not_found: { status: 404, message: 'Chamado não encontrado.' },
  not_found: { status: 404, message: 'Recurso não encontrado.' },
  method_not_allowed: { status: 405, message: 'Método não permitido.' },
  body_too_large: { status: 413, message: 'O corpo excede o limite de 256 KB.' },
  unsupported_media_type: { status: 415, message: 'O corpo deve ser JSON (Content-Type: application/json).' },
  mapping_missing: { status: 422, message: 'Esta origem não tem mapeamento para payloads brutos.' },
  mapping_failed: { status: 422, message: 'O mapeamento não produziu um registro válido.' },
  rate_limited: { status: 429, message: 'Muitas requisições; tente novamente em instantes.' },
  internal: { status: 500, message: 'Erro interno. Tente novamente; se persistir, contate o suporte.' },
  unavailable: { status: 503, message: 'Serviço indisponível no momento.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    message?: string,
    options?: ErrorOptions,
  ) {
    super(message ?? ERRORS[code].message, options);
    this.status = ERRORS[code].status;
  }
}

export function apiError(code: ErrorCode, field?: string, message?: string): ApiError {
  return new ApiError(code, field, message);
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}
