/** The frame of Configurações and what every supervisor screen shares. */
export const settingsStrings = {
  title: 'Configurações',
  sectionsLabel: 'Seções de configuração',
  sections: {
    procedures: 'Procedimentos',
    templates: 'Modelos (HSM)',
    integrations: 'Integrações',
    whatsapp: 'WhatsApp',
    email: 'E-mail',
  },
  forbiddenTitle: 'Sem permissão',
  forbiddenBody: 'Esta área é dos supervisores e administradores do workspace. Peça acesso a um administrador.',
  forbiddenBack: 'Voltar aos chamados',
  saved: 'Alterações salvas.',
  fixFields: 'Corrija os campos indicados e salve de novo.',
  /** A create or test button while it waits for the server (saving is t.saving). */
  creating: 'Criando…',
  testing: 'Testando…',
  /** The real ticket a preview (WhatsApp or e-mail) is rendered for. */
  ticketPicker: {
    search: 'Buscar chamado',
    searchHint: 'Protocolo, código, número do processo ou nome do cliente.',
    ticket: 'Chamado para a pré-visualização',
    ticketOption: (protocol: string, customer: string, status: string | null) =>
      `${protocol} · ${customer}${status ? ` · ${status}` : ''}`,
    noTickets: 'Nenhum chamado encontrado para esta busca.',
    loading: 'Carregando chamados…',
    workspaceEmpty: 'Ainda não há chamados neste workspace: a prévia aparece quando o primeiro chegar.',
  },
  copy: 'Copiar',
  copied: 'Copiado.',
  copyFailed: 'Não foi possível copiar: selecione o texto e use Ctrl+C.',
};
