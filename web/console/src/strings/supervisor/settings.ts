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
  copy: 'Copiar',
  copied: 'Copiado.',
  copyFailed: 'Não foi possível copiar: selecione o texto e use Ctrl+C.',
};
