/** Relatórios. */
const count = (n: number, one: string, many: string) => `${n.toLocaleString('pt-BR')} ${n === 1 ? one : many}`;

export const reportsStrings = {
  title: 'Relatórios',
  periodOf: (from: string, to: string) => `De ${from} a ${to} (horário de Brasília)`,
  loaded: (from: string, to: string) => `Relatório de ${from} a ${to} carregado.`,
  exportCsv: 'Exportar CSV',
  exportCsvHint: 'Os mesmos números, em CSV para o Excel',
  period: {
    legend: 'Período',
    last: (days: number) => `Últimos ${days} dias`,
    custom: 'Personalizado',
    from: 'De',
    to: 'Até',
    apply: 'Aplicar',
    required: 'Informe a data.',
    order: 'A data inicial deve ser anterior ou igual à final.',
  },
  cards: {
    label: 'Resumo do período',
    opened: 'Chamados abertos',
    closed: 'Chamados encerrados',
    messages: 'Mensagens',
    failures: 'Falhas de envio',
    noValidPhone: (n: number) => count(n, 'sem telefone válido', 'sem telefone válido'),
    responseRate: (channel: string) => `Taxa de resposta · ${channel}`,
    answeredOf: (answered: number, sent: number) =>
      `${answered.toLocaleString('pt-BR')} de ${count(sent, 'enviada', 'enviadas')}`,
    nothingSent: 'Nenhuma pesquisa enviada',
    csat: 'CSAT médio',
    csatAnswers: (n: number) => count(n, 'resposta', 'respostas'),
    noAnswers: 'Sem respostas',
  },
  charts: {
    loading: 'Carregando gráficos…',
    loadFailed: 'Não foi possível carregar os gráficos.',
    showData: 'Ver os dados em tabela',
    messagesSection: 'Mensagens por canal e status',
    surveysSection: 'Pesquisa de satisfação',
    ticketsSection: 'Chamados',
    csatNote: (average: string, answers: number) =>
      answers === 0
        ? 'Nenhuma resposta no período.'
        : `Média ${average} em ${count(answers, 'resposta', 'respostas')}.`,
    day: 'Dia',
    total: 'Total',
    channel: 'Canal',
    messagesTitle: (channel: string) => `Mensagens por dia · ${channel}`,
    noMessages: (channel: string) => `${channel}: nenhuma mensagem no período.`,
    noSurveys: (channel: string) => `${channel}: nenhuma pesquisa enviada no período.`,
    noResponses: 'Nenhuma resposta no período.',
    noResponsesFrom: (channel: string) => `${channel}: nenhuma resposta no período.`,
    messagesSummary: (channel: string, total: number, parts: string) =>
      total === 0
        ? `${channel}: nenhuma mensagem no período.`
        : `${channel}: ${count(total, 'mensagem', 'mensagens')} no período (${parts}).`,
    surveysTitle: 'Taxa de resposta da pesquisa por canal',
    surveysSummary: (parts: string) => `Taxa de resposta e de abertura da pesquisa por canal: ${parts}.`,
    responseRate: 'Taxa de resposta',
    openRate: 'Taxa de abertura',
    sent: 'Enviadas',
    surveyOpened: 'Abertas',
    answered: 'Respondidas',
    times: (channel: string, factor: string, other: string) =>
      `No período, o ${channel} teve ${factor}× a taxa de resposta do ${other}.`,
    csatTitle: 'Distribuição do CSAT',
    csatSummary: (parts: string, average: string) => `Notas de satisfação (1 a 5): ${parts}. Média ${average}.`,
    score: 'Nota',
    scoreLabel: (score: string) => `Nota ${score}`,
    answers: 'Respostas',
    ticketsTitle: 'Chamados abertos e encerrados por dia',
    ticketsSummary: (opened: number, closed: number, peak: string) =>
      `${count(opened, 'chamado aberto', 'chamados abertos')} e ${count(closed, 'encerrado', 'encerrados')} no período${peak}.`,
    peak: (date: string, n: number) => `; o dia com mais aberturas foi ${date}, com ${n}`,
    opened: 'Abertos',
    closed: 'Encerrados',
    queuedGroup: 'Na fila',
  },
  failures: {
    title: 'Falhas por motivo',
    reason: 'Motivo',
    channel: 'Canal',
    kind: 'Tipo',
    count: 'Mensagens',
    notSent: 'Não enviada pelo Ponte',
    failed: 'Recusada pelo provedor',
    none: 'Nenhuma falha de envio no período.',
    noValidPhoneLink: 'Ver chamados sem telefone válido',
  },
  percent: (ratio: number | null) =>
    ratio === null ? '—' : `${(ratio * 100).toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%`,
  average: (value: number | null) =>
    value === null ? '—' : value.toLocaleString('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 2 }),
};
