import { Type } from '@sinclair/typebox';

const Channel = Type.Union([Type.Literal('whatsapp'), Type.Literal('email'), Type.Literal('unknown')]);
const Rate = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const ReportQuery = Type.Object({
  from: Type.Optional(
    Type.String({ description: 'Primeiro dia (AAAA-MM-DD, horário de Brasília); padrão: 30 dias antes de to' }),
  ),
  to: Type.Optional(Type.String({ description: 'Último dia, incluído (AAAA-MM-DD); padrão: hoje' })),
});

/** The JSON report; the CSV carries the same figures (report-csv.ts). */
export const ReportSchema = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String(), timeZone: Type.Literal('America/Sao_Paulo') }),
  tickets: Type.Object({ opened: Count, closed: Count }),
  messages: Type.Array(Type.Object({ channel: Channel, status: Type.String(), count: Count })),
  failures: Type.Array(
    Type.Object({
      channel: Channel,
      status: Type.Union([Type.Literal('failed'), Type.Literal('not_sent')]),
      reason: Type.String({ description: 'Motivo do Ponte (ex.: no_valid_phone) ou código de erro do provedor' }),
      label: Type.String(),
      count: Count,
    }),
  ),
  surveys: Type.Array(
    Type.Object(
      { channel: Channel, sent: Count, opened: Count, answered: Count, responseRate: Rate, openRate: Rate },
      {
        description:
          'Coorte: chamados com mensagem contendo o link da própria pesquisa enviada no período (aceita pelo provedor); abertas e respondidas pelo mesmo canal, a qualquer momento',
      },
    ),
  ),
  links: Type.Array(Type.Object({ channel: Channel, trackingOpened: Count, surveyOpened: Count })),
  csat: Type.Object({
    answers: Count,
    average: Rate,
    distribution: Type.Object({ '1': Count, '2': Count, '3': Count, '4': Count, '5': Count }),
    byChannel: Type.Array(Type.Object({ channel: Channel, answers: Count, average: Rate })),
  }),
  nps: Type.Object({
    answers: Count,
    score: Type.Union([Type.Integer(), Type.Null()]),
    promoters: Count,
    passives: Count,
    detractors: Count,
  }),
  daily: Type.Array(
    Type.Object({
      date: Type.String({ description: 'AAAA-MM-DD (horário de Brasília)' }),
      ticketsOpened: Count,
      ticketsClosed: Count,
      messages: Type.Array(Type.Object({ channel: Channel, status: Type.String(), count: Count })),
    }),
    { description: 'Cada dia do período, do mais antigo ao mais recente, com zeros: chamados e mensagens por dia' },
  ),
});
