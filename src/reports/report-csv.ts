import { CHANNEL_LABELS } from '../portal/link-channel.js';
import { MESSAGE_STATUS_LABELS, type Report } from './report-service.js';

/**
 * The report as a CSV that Excel in Brazil opens right with a double click: UTF-8 with a BOM (or
 * the accents come out garbled), `;` between fields (a pt-BR Excel reads `,` as the decimal
 * separator), decimal commas, CRLF line ends. One figure per line (section, figure, channel,
 * value), so a pivot table or a filter slices it any way.
 */
const BOM = '\uFEFF';
const HEADER = ['Seção', 'Indicador', 'Canal', 'Valor'];

function field(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const decimal = (n: number | null, digits: number) =>
  n === null
    ? ''
    : n.toLocaleString('pt-BR', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
const percent = (ratio: number | null) => (ratio === null ? '' : `${decimal(ratio * 100, 1)}%`);

export function reportToCsv(report: Report): string {
  const rows: string[][] = [HEADER];
  const add = (section: string, figure: string, channel: string, value: string | number) =>
    rows.push([section, figure, channel, String(value)]);
  const ch = (c: keyof typeof CHANNEL_LABELS) => CHANNEL_LABELS[c];

  add('Período', 'De', '', report.period.from);
  add('Período', 'Até', '', report.period.to);
  add('Chamados', 'Abertos', '', report.tickets.opened);
  add('Chamados', 'Encerrados', '', report.tickets.closed);
  for (const m of report.messages) add('Mensagens', MESSAGE_STATUS_LABELS[m.status], ch(m.channel), m.count);
  for (const f of report.failures) add('Falhas', f.label, ch(f.channel), f.count);
  for (const s of report.surveys) {
    add('Pesquisas', 'Enviadas', ch(s.channel), s.sent);
    add('Pesquisas', 'Abertas', ch(s.channel), s.opened);
    add('Pesquisas', 'Respondidas', ch(s.channel), s.answered);
    add('Pesquisas', 'Taxa de abertura', ch(s.channel), percent(s.openRate));
    add('Pesquisas', 'Taxa de resposta', ch(s.channel), percent(s.responseRate));
  }
  for (const l of report.links) {
    add('Links', 'Acompanhamento aberto', ch(l.channel), l.trackingOpened);
    add('Links', 'Pesquisa aberta', ch(l.channel), l.surveyOpened);
  }
  add('CSAT', 'Respostas', '', report.csat.answers);
  add('CSAT', 'Média', '', decimal(report.csat.average, 2));
  for (const [score, count] of Object.entries(report.csat.distribution)) add('CSAT', `Nota ${score}`, '', count);
  for (const c of report.csat.byChannel) {
    add('CSAT', 'Respostas', ch(c.channel), c.answers);
    add('CSAT', 'Média', ch(c.channel), decimal(c.average, 2));
  }
  add('NPS', 'Respostas', '', report.nps.answers);
  add('NPS', 'Promotores (9–10)', '', report.nps.promoters);
  add('NPS', 'Neutros (7–8)', '', report.nps.passives);
  add('NPS', 'Detratores (0–6)', '', report.nps.detractors);
  add('NPS', 'NPS', '', report.nps.score ?? '');
  const lines = rows.map((row) => row.map(field).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
