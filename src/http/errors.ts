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
  not_signed_in: { status: 401, message: 'Entre com seu e-mail e senha para continuar.' },
  invalid_credentials: { status: 401, message: 'E-mail ou senha incorretos.' },
  account_locked: { status: 429, message: 'Muitas tentativas erradas. Aguarde alguns minutos e tente de novo.' },
  ambiguous_login: { status: 400, message: 'Este e-mail existe em mais de um workspace: informe o workspace.' },
  csrf_failed: { status: 403, message: 'Sessão expirada ou requisição de outra origem. Recarregue a página.' },
  forbidden_role: { status: 403, message: 'Seu perfil não permite esta ação.' },
  conflict: { status: 409, message: 'Já existe um registro com estes dados.' },
  invalid_template: { status: 422, message: 'Modelo inválido.' },
  provider_unavailable: { status: 502, message: 'O provedor de WhatsApp não respondeu como esperado.' },
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
  invalid_period: { status: 400, message: 'Período inválido: use from e to como datas AAAA-MM-DD, com from até to.' },
  survey_invalid_answer: { status: 422, message: 'A resposta está fora da escala da pesquisa.' },
  survey_comment_too_long: { status: 422, message: 'O comentário pode ter até 1.000 caracteres.' },
  survey_form_invalid: {
    status: 403,
    message:
      'Não conseguimos confirmar que a resposta veio do formulário desta pesquisa. Confira sua resposta e envie de novo.',
  },
  survey_form_expired: {
    status: 403,
    message: 'O formulário ficou aberto por muito tempo. Confira sua resposta e envie de novo.',
  },
  survey_cross_origin: { status: 403, message: 'Envio recusado: a resposta não veio da página desta pesquisa.' },
  survey_duplicate: { status: 409, message: 'Esta resposta já tinha sido registrada; nada foi gravado de novo.' },
  survey_locked: {
    status: 409,
    message: 'O prazo para alterar a resposta terminou; a resposta registrada foi mantida.',
  },
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
