import type { LinkChannel } from '../db/schema.js';
import { brandingOf } from '../portal/branding.js';
import { firstName, formatDateTime } from '../portal/formatting.js';
import { html, type SafeHtml } from '../portal/html.js';
import { channelCode, channelQuery } from '../portal/link-channel.js';
import { PAGE_STYLES } from '../portal/page-css.js';
import { type RenderedPage, renderPage } from '../portal/page-layout.js';
import type { TokenTicket } from '../portal/tracking-repository.js';
import { formatProtocol } from '../tickets/protocol.js';
import type { SurveyFormValues } from './survey-input.js';
import { CSAT_LABELS, SURVEY_RULES } from './survey-rules.js';

export interface SurveyPageInput {
  ticket: TokenTicket;
  token: string;
  channel: LinkChannel;
  now: number;
  /** A pt-BR message about the last submission (an error, or why nothing changed). */
  alert?: { kind: 'err' | 'info'; text: string };
}

// Counts the comment as it is typed and stops a second tap on "Enviar"; the form works without it.
const ENHANCE = `var f=document.querySelector('form.survey');if(f){var t=f.querySelector('textarea'),c=document.getElementById('count');if(t&&c){var u=function(){c.textContent=t.value.length+' / ${SURVEY_RULES.commentMaxChars}'};t.addEventListener('input',u);u()}f.addEventListener('submit',function(){var b=f.querySelector('button[type=submit]');setTimeout(function(){b.disabled=true;b.textContent='Enviando…'},0)})}`;

function intro(input: SurveyPageInput, heading: string): SafeHtml {
  const { ticket } = input;
  const name = firstName(ticket.customer_name);
  return html`<section class="card"><p class="eyebrow">Chamado nº <b>${formatProtocol(ticket.id, ticket.created_at)}</b></p>
<h1>${heading}</h1>
<p class="muted">${name ? `${name}, c` : 'C'}onte para a ${ticket.name} como foi o seu atendimento. Leva menos de um minuto.</p></section>`;
}

function alertBox(input: SurveyPageInput): SafeHtml | null {
  return input.alert ? html`<p class="alert ${input.alert.kind}" role="alert">${input.alert.text}</p>` : null;
}

function scale(name: string, from: number, to: number, selected: string | undefined, labels?: readonly string[]) {
  const items: SafeHtml[] = [];
  for (let n = from; n <= to; n++) {
    const id = `${name}-${n}`;
    const checked = selected === String(n) ? html` checked` : '';
    const required = name === 'csat' ? html` required` : '';
    items.push(
      html`<input class="sr" type="radio" id="${id}" name="${name}" value="${n}"${checked}${required}><label for="${id}">${n}${labels ? html`<small>${labels[n - from]}</small>` : null}</label>`,
    );
  }
  return items;
}

export function renderSurveyForm(input: SurveyPageInput, formToken: string, values: SurveyFormValues): RenderedPage {
  const branding = brandingOf(input.ticket);
  const { ticket } = input;
  const answeredNotice =
    ticket.answered_at !== null && !input.alert
      ? html`<p class="alert info">Você já respondeu em ${formatDateTime(ticket.answered_at)}. Pode alterar sua resposta até ${formatDateTime(ticket.answered_at + SURVEY_RULES.changeWindowMs)}.</p>`
      : null;
  const code = channelCode(input.channel);
  const body = html`${intro(input, 'Pesquisa de satisfação')}
<form class="card survey" method="post" action="/s/${input.token}">
${alertBox(input)}${answeredNotice}
<input type="hidden" name="form_token" value="${formToken}">
${code ? html`<input type="hidden" name="c" value="${code}">` : null}
<fieldset><legend>${branding.csatQuestion}</legend>
<div class="scale">${scale('csat', 1, 5, values.csat, CSAT_LABELS)}</div></fieldset>
${
  branding.npsEnabled
    ? html`<fieldset><legend>${branding.npsQuestion}</legend>
<div class="scale nps">${scale('nps', 0, 10, values.nps)}</div>
<div class="ends"><span>0 = nada provável</span><span>10 = com certeza</span></div></fieldset>`
    : null
}
<label class="q" for="comment"><b>${branding.commentQuestion}</b></label>
<textarea id="comment" name="comment" maxlength="${SURVEY_RULES.commentMaxChars}" placeholder="Escreva aqui, se quiser">${values.comment ?? ''}</textarea>
<div class="count" id="count">Até ${SURVEY_RULES.commentMaxChars.toLocaleString('pt-BR')} caracteres</div>
<button class="btn" type="submit">${ticket.answered_at === null ? 'Enviar avaliação' : 'Salvar alteração'}</button>
</form>`;
  return renderPage({
    title: `Pesquisa de satisfação: ${ticket.name}`,
    branding,
    body,
    script: ENHANCE,
    css: PAGE_STYLES.survey,
  });
}

/** After an answer: thanks, the score, and until when it can be changed. */
export function renderThankYou(input: SurveyPageInput): RenderedPage {
  const { ticket } = input;
  const branding = brandingOf(ticket);
  const csat = ticket.answer_csat ?? 0;
  const lockedAt = (ticket.answered_at ?? input.now) + SURVEY_RULES.changeWindowMs;
  const open = input.now < lockedAt;
  const query = channelQuery(input.channel);
  const body = html`<section class="card center">${alertBox(input)}
<div class="big" aria-hidden="true">✓</div>
<h1>Obrigado pela avaliação!</h1>
<p>Sua nota: <b>${csat} de 5</b>${csat >= 1 ? ` (${CSAT_LABELS[csat - 1]})` : ''}.</p>
${ticket.answer_nps !== null ? html`<p>Recomendação: <b>${ticket.answer_nps} de 10</b>.</p>` : null}
<p class="muted">${open ? `Se quiser, você pode alterar sua resposta até ${formatDateTime(lockedAt)}.` : 'Sua resposta foi registrada e não pode mais ser alterada.'}</p>
${open ? html`<a class="btn" href="/s/${input.token}${query}">Alterar resposta</a>` : null}
<p class="muted after"><a class="link" href="/t/${input.token}${query}">Ver o acompanhamento do chamado</a></p>
</section>`;
  // The survey's part of the stylesheet has the alert shown when a post changed nothing.
  return renderPage({ title: `Obrigado: ${ticket.name}`, branding, body, css: PAGE_STYLES.survey });
}
