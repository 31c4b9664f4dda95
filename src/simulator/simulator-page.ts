import type { EmailInbox } from './email-inbox.js';
import { EMAIL_STYLE, renderEmailSection } from './email-section.js';
import { escapeHtml, formatText, link } from './page-html.js';
import { SIMULATOR_SCENARIOS, type SimulatorScenario } from './scenarios.js';
import type { SimulatedChatItem, SimulatedOutbound, SimulatedStatus, SimulatorStore } from './simulator-store.js';

export interface PageInput {
  store: SimulatorStore;
  /** Where the plugin is mounted, e.g. /simulator; form actions and links start with it. */
  prefix: string;
  timeZone: string;
  /** The e-mail inbox; without one the page has no E-mails section. */
  inbox?: EmailInbox;
}

const TICKS: Record<SimulatedStatus, { mark: string; label: string; className: string }> = {
  accepted: { mark: '🕓', label: 'aceita pelo provedor', className: 'tick' },
  sent: { mark: '✓', label: 'enviada', className: 'tick' },
  delivered: { mark: '✓✓', label: 'entregue', className: 'tick' },
  read: { mark: '✓✓', label: 'lida', className: 'tick read' },
  failed: { mark: '⚠', label: 'falhou', className: 'tick failed' },
};

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f2f5;color:#111b21}
header{background:#008069;color:#fff;padding:12px 16px}header h1{margin:0;font-size:18px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{display:flex;flex-direction:column;gap:24px;padding:16px}
.area>h2{margin:0 0 8px;font-size:17px}.chats{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.chat{width:min(420px,100%);background:#efeae2;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.2)}
.chat h3{margin:0;background:#f0f2f5;padding:10px 12px;font-size:15px}.chat h3 small{font-weight:normal;color:#667781}
.msgs{padding:10px;display:flex;flex-direction:column;gap:6px;max-height:60vh;overflow-y:auto}
.b{max-width:85%;padding:6px 8px 4px;border-radius:8px;box-shadow:0 1px .5px rgba(0,0,0,.13);white-space:pre-wrap;word-wrap:break-word}
.in{align-self:flex-start;background:#fff}.out{align-self:flex-end;background:#d9fdd3}
.tpl{font-size:11px;color:#667781;margin-bottom:2px}.meta{font-size:11px;color:#667781;text-align:right;margin-top:2px}
.tick{color:#667781;margin-left:4px}.tick.read{color:#53bdeb}.tick.failed{color:#d93025}.err{color:#d93025;font-size:12px}
.btns{display:flex;flex-direction:column;gap:2px;margin-top:6px}.btns span,.btns a{display:block;text-align:center;color:#027eb5;background:#fff;border-top:1px solid #e9edef;padding:6px;text-decoration:none}
a{color:#027eb5}form{display:flex;flex-wrap:wrap;gap:6px;padding:8px 10px;background:#f0f2f5}
input[type=text]{flex:1;min-width:0;padding:8px 10px;border:0;border-radius:8px}
button,select{padding:6px 10px;border:0;border-radius:8px;background:#008069;color:#fff;cursor:pointer}
select{background:#fff;color:#111b21}button.qr{background:#fff;color:#027eb5;border:1px solid #d1d7db}
.empty{padding:24px;color:#667781}.bar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:8px}
.bar form{background:none;padding:0}${EMAIL_STYLE}`;

// Reloads every 2 s to show new messages and ticks, unless the person is typing or choosing.
const AUTO_REFRESH = `setInterval(function(){var a=document.activeElement;if(a&&/^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName))return;var f=document.querySelectorAll('input[type=text]');for(var i=0;i<f.length;i++)if(f[i].value)return;location.reload()},2000)`;

/**
 * The simulator page: every phone as a WhatsApp chat, with reply and scenario forms (no JS
 * needed), then the e-mails the inbox received.
 */
export function renderSimulatorPage({ store, prefix, timeZone, inbox }: PageInput): string {
  const time = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit', timeZone });
  const phones = store.phones();
  const outage = store.outage;
  const chats = phones.map((summary) => {
    const items = store.conversation(summary.phone);
    const digits = summary.phone.slice(1);
    const last = store.lastOutbound(summary.phone);
    return `<section class="chat" id="p-${digits}">
<h3>${escapeHtml(summary.phone)} <small>· ${escapeHtml(SIMULATOR_SCENARIOS[summary.scenario.scenario])}</small></h3>
<div class="msgs">${items.map((item) => renderBubble(item, time)).join('\n') || '<p class="empty">Sem mensagens.</p>'}</div>
${renderReplyForm(prefix, digits, last)}
${renderScenarioForm(prefix, digits, summary.scenario.scenario)}
</section>`;
  });
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${inbox ? 'Simulador de WhatsApp e e-mail' : 'Simulador de WhatsApp'} · Ponte</title><style>${STYLE}</style></head>
<body><header><h1>${inbox ? 'Simulador de WhatsApp e e-mail' : 'Simulador de WhatsApp'}</h1>
<p>O que cada telefone${inbox ? ' e cada endereço de e-mail' : ''} recebeu, como o cliente veria. As respostas de WhatsApp voltam à Ponte como webhooks assinados.</p>
<div class="bar"><span>Provedor: ${outage.on ? `<strong>fora do ar (HTTP ${outage.status})</strong>` : 'no ar'}</span>
<form method="post" action="${prefix}/outage"><input type="hidden" name="status" value="${outage.status}">
<button name="on" value="${outage.on ? 'false' : 'true'}">${outage.on ? 'Restabelecer' : 'Simular queda geral'}</button></form></div>
</header>
<main><section class="area" aria-labelledby="chats-title"><h2 id="chats-title">WhatsApp</h2>
<div class="chats">${chats.join('\n') || '<p class="empty">Nenhuma mensagem recebida ainda. Quando a Ponte enviar um WhatsApp, a conversa aparece aqui.</p>'}</div></section>
${inbox ? renderEmailSection({ emails: inbox.list(), smtpPort: inbox.port, timeZone }) : ''}</main>
<script>${AUTO_REFRESH}</script>
</body></html>`;
}

function renderBubble(item: SimulatedChatItem, time: Intl.DateTimeFormat): string {
  const at = escapeHtml(time.format(item.at));
  if (item.direction === 'inbound') {
    return `<div class="b out">${formatText(item.text)}<div class="meta">${at}</div></div>`;
  }
  const tick = TICKS[item.status];
  const body = item.text === undefined ? renderUnrendered(item) : formatText(item.text);
  const buttons = [
    ...(item.urlButton ? [link(item.urlButton.url, `🔗 ${item.urlButton.text}`)] : []),
    ...item.quickReplies.map((button) => `<span>↩ ${escapeHtml(button.text)}</span>`),
  ];
  return `<div class="b in"><div class="tpl">${escapeHtml(item.templateName)} · ${escapeHtml(item.language)}</div>${body}${
    buttons.length > 0 ? `<div class="btns">${buttons.join('')}</div>` : ''
  }${item.error ? `<div class="err">Não entregue: ${item.error.code} ${escapeHtml(item.error.title)}</div>` : ''}<div class="meta">${at}<span class="${tick.className}" title="${tick.label}">${tick.mark}</span></div></div>`;
}

/** A template the store does not know: its parameters, so the person still sees what was sent. */
function renderUnrendered(message: SimulatedOutbound): string {
  if (message.parameters.length === 0) return '<em>(template sem parâmetros)</em>';
  return message.parameters
    .map((parameter, index) => `${escapeHtml(parameter.name ?? String(index + 1))}: ${formatText(parameter.text)}`)
    .join('\n');
}

function renderReplyForm(prefix: string, digits: string, last: SimulatedOutbound | undefined): string {
  const quickReplies = (last?.quickReplies ?? [])
    .map((button, index) => `<button class="qr" name="quickReply" value="${index}">${escapeHtml(button.text)}</button>`)
    .join('');
  return `<form method="post" action="${prefix}/phones/${digits}/reply">
<input type="text" name="text" placeholder="Responder como o cliente" aria-label="Resposta" maxlength="4096">
<button>Enviar</button>${quickReplies}</form>`;
}

function renderScenarioForm(prefix: string, digits: string, current: SimulatorScenario): string {
  const options = Object.entries(SIMULATOR_SCENARIOS)
    .map(
      ([name, label]) => `<option value="${name}"${name === current ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
  return `<form method="post" action="${prefix}/phones/${digits}/scenario">
<select name="scenario" aria-label="Cenário">${options}</select><button>Aplicar cenário</button></form>`;
}
