import type { LinkChannel } from '../db/schema.js';
import { maskPhone } from '../messaging/phones.js';
import { SURVEY_RULES } from '../surveys/survey-rules.js';
import { formatProtocol } from '../tickets/protocol.js';
import { brandingOf } from './branding.js';
import { CUSTOMER_STAGES, type CustomerStage, type PublicEvent, STEP_LABELS } from './customer-status.js';
import { firstName, formatDateTime, sentenceCase } from './formatting.js';
import { html, type SafeHtml } from './html.js';
import { channelQuery } from './link-channel.js';
import { PAGE_STYLES } from './page-css.js';
import { type RenderedPage, renderPage } from './page-layout.js';
import type { TokenTicket } from './tracking-repository.js';

/** The ERP fields a customer recognises, in their words; any other field stays internal. */
const PUBLIC_FIELDS = [
  ['productDescription', 'Produto'],
  ['problem', 'Problema relatado'],
  ['processNumber', 'Nº do processo'],
  ['issuedAt', 'Emissão'],
] as const;

export interface TrackingView {
  ticket: TokenTicket;
  token: string;
  channel: LinkChannel;
  stage: CustomerStage;
  events: PublicEvent[];
  now: number;
}

function steps(stage: CustomerStage): SafeHtml {
  const current = CUSTOMER_STAGES[stage].step;
  return html`<ol class="steps" aria-label="Etapas do atendimento">${STEP_LABELS.map((label, i) => {
    const step = i + 1;
    const cls = step < current || stage === 'done' ? 'done' : step === current ? 'now' : '';
    return html`<li class="${cls}"${step === current ? html` aria-current="step"` : ''}>${label}</li>`;
  })}</ol>`;
}

function details(ticket: TokenTicket): SafeHtml {
  const fields = JSON.parse(ticket.fields) as Record<string, unknown>;
  const rows = PUBLIC_FIELDS.flatMap(([key, label]) => {
    const value = fields[key];
    return typeof value === 'string' || typeof value === 'number'
      ? [html`<div><dt>${label}</dt><dd>${String(value)}</dd></div>`]
      : [];
  });
  const phones = JSON.parse(ticket.customer_phones) as { e164: string | null }[];
  const phone = phones.find((p) => p.e164 !== null)?.e164;
  rows.push(html`<div><dt>Aberto em</dt><dd>${formatDateTime(ticket.created_at)}</dd></div>`);
  if (ticket.closed_at !== null && ticket.state === 'closed') {
    rows.push(html`<div><dt>Concluído em</dt><dd>${formatDateTime(ticket.closed_at)}</dd></div>`);
  }
  // Masked even here: a forwarded link must not hand out the customer's number.
  if (phone) rows.push(html`<div><dt>Avisos para o celular</dt><dd>${maskPhone(phone)}</dd></div>`);
  return html`<section class="card"><h2>Detalhes do chamado</h2><dl>${rows}</dl></section>`;
}

function surveyCard(view: TrackingView): SafeHtml | null {
  const { ticket } = view;
  if (ticket.state !== 'closed') return null;
  const link = `/s/${view.token}${channelQuery(view.channel)}`;
  if (ticket.answer_csat === null || ticket.answered_at === null) {
    return html`<section class="card"><h2>Como foi o atendimento?</h2>
<p class="muted">Sua opinião nos ajuda a melhorar. Leva menos de um minuto.</p>
<a class="btn" href="${link}">Avaliar o atendimento</a></section>`;
  }
  const canChange = view.now < ticket.answered_at + SURVEY_RULES.changeWindowMs;
  return html`<section class="card"><h2>Obrigado pela avaliação!</h2>
<p>Sua nota: <b>${ticket.answer_csat} de 5</b>.</p>
${canChange ? html`<p class="muted">Mudou de ideia? <a class="link" href="${link}">Alterar resposta</a> até ${formatDateTime(ticket.answered_at + SURVEY_RULES.changeWindowMs)}.</p>` : null}
</section>`;
}

function timeline(events: readonly PublicEvent[]): SafeHtml {
  if (events.length === 0) return html``;
  return html`<section class="card"><h2>Histórico</h2><ol class="tl">${events.map(
    (e) =>
      html`<li><span class="t">${e.title}</span>${e.detail ? html`<span class="d">${e.detail}</span>` : null}<time>${formatDateTime(e.at)}</time></li>`,
  )}</ol></section>`;
}

export function renderTrackingPage(view: TrackingView): RenderedPage {
  const { ticket, stage } = view;
  const words = CUSTOMER_STAGES[stage];
  const protocol = formatProtocol(ticket.id, ticket.created_at);
  const name = firstName(ticket.customer_name);
  // The source's own status helps while the work goes on ("Aguardando peça"); once done, it adds nothing.
  const sourceStatus = stage !== 'done' && ticket.status ? sentenceCase(ticket.status) : undefined;
  const body = html`<section class="card">
<p class="eyebrow">${name ? `Olá, ${name}! ` : ''}Chamado nº <b>${protocol}</b></p>
<h1>${words.title}</h1>
<p class="muted">${words.detail}</p>
${sourceStatus ? html`<span class="pill">Situação: ${sourceStatus}</span>` : null}
${steps(stage)}
</section>
${surveyCard(view)}
${details(ticket)}
${timeline(view.events)}`;
  return renderPage({
    title: `Chamado ${protocol}: ${words.title}`,
    branding: brandingOf(ticket),
    body,
    css: PAGE_STYLES.tracking,
  });
}
