/**
 * Sample payloads for the mapping's "Testar", copied from test/fixtures (an ERP's service order, open
 * and finished, and a logistics process), and the example mapping of the first, from docs/mappings.
 * They are what an integrator starts from; the supervisor edits them freely in the screen.
 */
export const SAMPLE_PAYLOADS = {
  osOpen: {
    evento: 'OS_ABERTA',
    dataHoraEvento: '2026-11-20T09:41:07-03:00',
    ordemServico: {
      numero: 'OS-2026-004811',
      processo: 'PROC-118274',
      dataEmissao: '20/11/2026',
      situacao: {
        codigo: '01',
        descricao: 'EM ANÁLISE',
      },
      prioridade: 'NORMAL',
      produto: {
        codigo: 'GEL-FF400',
        descricao: 'Geladeira Frost Free 400L Inox',
        numeroSerie: 'BR4X0918273',
      },
      defeitoReclamado: 'Não gela na parte de baixo; barulho no compressor',
      filial: 'Campinas',
    },
    cliente: {
      nome: 'Maria Aparecida de Souza',
      cpf: '123.456.789-09',
      email: 'maria.souza@example.com.br',
      telefones: [
        {
          tipo: 'CELULAR',
          numero: '(19) 99876-5432',
        },
        {
          tipo: 'RESIDENCIAL',
          numero: '(19) 3232-1100',
        },
      ],
    },
  },
  osClosed: {
    evento: 'OS_ENCERRADA',
    dataHoraEvento: '2026-11-23T16:05:52-03:00',
    ordemServico: {
      numero: 'OS-2026-004811',
      processo: 'PROC-118274',
      dataEmissao: '20/11/2026',
      situacao: {
        codigo: '09',
        descricao: 'FINALIZADA',
      },
      prioridade: 'NORMAL',
      produto: {
        codigo: 'GEL-FF400',
        descricao: 'Geladeira Frost Free 400L Inox',
        numeroSerie: 'BR4X0918273',
      },
      defeitoReclamado: 'Não gela na parte de baixo; barulho no compressor',
      solucao: 'Troca do sensor de degelo e recarga de gás',
      filial: 'Campinas',
    },
    cliente: {
      nome: 'Maria Aparecida de Souza',
      cpf: '123.456.789-09',
      email: 'maria.souza@example.com.br',
      telefones: [
        {
          tipo: 'CELULAR',
          numero: '(19) 99876-5432',
        },
        {
          tipo: 'RESIDENCIAL',
          numero: '(19) 3232-1100',
        },
      ],
    },
  },
  logistics: {
    tipo: 'COLETA_REVERSA',
    id_processo: 'LOG-77120',
    emitido_em: '2026-11-21',
    status: 'AVARIA_NO_TRANSPORTE',
    critico: true,
    atualizado_em: '2026-11-21T14:02:00Z',
    item: {
      sku: 'TV-55-4K',
      descricao: 'Smart TV 55" 4K',
    },
    ocorrencia: 'Tela trincada na entrega; cliente recusou o recebimento',
    destinatario: {
      razao_social: 'João Pedro Lima',
      contato: {
        whatsapp: '+55 21 98123-4567',
        fixo: '+55 21 2555-0101',
        email: null,
      },
    },
  },
} as const;

export type SampleName = keyof typeof SAMPLE_PAYLOADS;

export const sampleText = (name: SampleName) => JSON.stringify(SAMPLE_PAYLOADS[name], null, 2);

/** docs/mappings/os-assistencia-tecnica.jsonata: the shape of a mapping, ready to adapt. */
export const EXAMPLE_MAPPING = `/* Ordem de serviço de um ERP de assistência técnica: adapte os caminhos ao JSON do seu sistema. */
{
  "externalId": ordemServico.numero,
  "state": evento = "OS_ENCERRADA" ? "closed" : "open",
  "status": $lowercase(ordemServico.situacao.descricao),
  "occurredAt": dataHoraEvento,
  "critical": ordemServico.prioridade = "URGENTE",
  "customer": {
    "name": cliente.nome,
    "email": cliente.email,
    "phones": [cliente.telefones.numero]
  },
  "fields": {
    "processNumber": ordemServico.processo,
    "issuedAt": ordemServico.dataEmissao,
    "productDescription": ordemServico.produto.descricao,
    "problem": ordemServico.defeitoReclamado,
    "serialNumber": ordemServico.produto.numeroSerie,
    "branch": ordemServico.filial,
    "solution": ordemServico.solucao
  }
}`;
