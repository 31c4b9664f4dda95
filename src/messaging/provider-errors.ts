/**
 * A provider's refusal told to a supervisor in pt-BR: what the code means and what to do about it.
 * Codes are Meta's (Plinx is assumed to reuse them, see docs/providers/plinx.md) plus the adapter's
 * own for what happened before any answer ("network", "timeout", "http_503"…). The provider's own
 * title is kept next to it, since a support ticket with the provider will quote that.
 */
const BY_CODE: Readonly<Record<string, string>> = {
  network: 'Não foi possível falar com o provedor (falha de rede). Confira a URL base.',
  timeout: 'O provedor não respondeu a tempo.',
  aborted: 'O envio foi interrompido antes da resposta do provedor.',
  invalid_response: 'O provedor respondeu sem o id da mensagem.',
  '0': 'O provedor recusou as credenciais (falha de autenticação). Confira o token de acesso.',
  '190': 'O token de acesso expirou ou é inválido. Gere um novo token no painel do provedor.',
  '2500': 'O provedor não recebeu um token de acesso válido.',
  '10': 'O token não tem permissão para esta conta do WhatsApp.',
  '100': 'O provedor recusou um parâmetro do envio (ID do número, WABA ou valor de variável).',
  '4': 'Limite de chamadas do aplicativo atingido; tente de novo em alguns minutos.',
  '80007': 'Limite de chamadas da conta WhatsApp Business atingido; tente de novo em alguns minutos.',
  '130429': 'Limite de mensagens por segundo do número atingido; tente de novo em instantes.',
  '131056': 'Muitas mensagens para este mesmo telefone em pouco tempo; aguarde alguns segundos.',
  '131016': 'O serviço do provedor está temporariamente indisponível.',
  '2': 'O provedor está temporariamente indisponível ou sobrecarregado.',
  '131000': 'O provedor teve um erro desconhecido; tente de novo.',
  '131008': 'Falta um parâmetro obrigatório no envio (por exemplo, o sufixo do botão de link).',
  '131009': 'Um valor de variável foi recusado pelo provedor.',
  '131026': 'Este telefone não recebe mensagens do WhatsApp (não tem WhatsApp ou não aceitou os termos).',
  '131047': 'Fora da janela de 24 horas: só modelos aprovados podem ser enviados.',
  '131051': 'Tipo de mensagem não suportado pelo provedor.',
  '132000': 'O número de variáveis difere do modelo cadastrado no provedor. Sincronize ou revise o corpo.',
  '132001': 'O modelo não existe no provedor neste idioma ou ainda não foi aprovado.',
  '132012': 'Um valor de variável está num formato que o provedor não aceita.',
  '132015': 'O modelo está pausado pelo provedor por baixa qualidade.',
  '132016': 'O modelo foi desativado pelo provedor.',
  '133010': 'O número remetente não está registrado no WhatsApp Business.',
  paging_loop: 'A lista de modelos do provedor não terminou (paginação em laço).',
  invalid_paging: 'O provedor indicou uma próxima página de modelos inválida.',
};

function byHttpStatus(status: number | undefined): string | undefined {
  if (status === undefined) return undefined;
  if (status === 401 || status === 403) return 'O provedor recusou as credenciais. Confira o token de acesso.';
  if (status === 404) return 'O provedor não encontrou o endereço. Confira a URL base, a versão da API e os IDs.';
  if (status === 429) return 'O provedor pediu para esperar (limite de requisições).';
  if (status >= 500) return 'O provedor está com problemas no momento (erro do servidor).';
  return undefined;
}

/** What a code (or, failing that, an HTTP status) means for the supervisor, when it is a known one. */
export function explainProviderCode(code: string, httpStatus?: number): string | undefined {
  return BY_CODE[code] ?? byHttpStatus(httpStatus);
}

/** "O token de acesso expirou… (código 190: Invalid OAuth access token)". */
export function describeProviderError(error: { code: string; title?: string; httpStatus?: number }): string {
  const known = explainProviderCode(error.code, error.httpStatus);
  const title = error.title?.trim();
  const detail = title ? `código ${error.code}: ${title}` : `código ${error.code}`;
  return known ? `${known} (${detail})` : `O provedor recusou (${detail}).`;
}
