import type { SimulatedEmail } from './email-inbox.js';
import { escapeHtml, linkify } from './page-html.js';

export interface EmailSectionInput {
  emails: readonly SimulatedEmail[];
  /** Where the inbox's SMTP server listens; undefined when it is off. */
  smtpPort: number | undefined;
  timeZone: string;
}

export const EMAIL_STYLE = `
.mails{display:flex;flex-direction:column;gap:12px;width:100%}
.mail{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.2);overflow:hidden}
.mail h3{margin:0;padding:10px 12px;font-size:16px;background:#f7f8fa;border-bottom:1px solid #e9edef}
.mhead{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0;padding:8px 12px;font-size:13px;color:#3b4a54}
.mhead div{display:flex;gap:4px}.mhead dt{color:#667781}.mhead dd{margin:0;word-break:break-all}
.mbody{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px;padding:0 12px 12px}
.mbody h4{margin:4px 0;font-size:12px;font-weight:600;color:#667781;text-transform:uppercase;letter-spacing:.04em}
.mtext{white-space:pre-wrap;word-wrap:break-word;background:#f7f8fa;border-radius:6px;padding:8px;font-size:14px}
.mail iframe{width:100%;height:320px;border:1px solid #e9edef;border-radius:6px;background:#fff}
.note{margin:0 0 8px;color:#3b4a54;font-size:13px}.note code{background:#e9edef;border-radius:4px;padding:0 4px}`;

/**
 * The inbox as the page shows it, newest first: subject, sender, recipients, time, the text
 * version with clickable links and the HTML version in an iframe sandboxed with no permissions
 * (no scripts, forms or navigation of this page): an e-mail's HTML is never put into the page.
 */
export function renderEmailSection({ emails, smtpPort, timeZone }: EmailSectionInput): string {
  const time = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short', timeZone });
  const note =
    smtpPort === undefined
      ? '<p class="note">A caixa de e-mail do simulador está desligada (<code>PONTE_SIMULATOR_SMTP_PORT=0</code>, ou este processo não serve a API).</p>'
      : `<p class="note">Caixa de entrada SMTP em <code>127.0.0.1:${smtpPort}</code>, sem autenticação nem TLS: um workspace com esse servidor em Configurações &gt; E-mail (o de demonstração já vem assim) entrega aqui os seus e-mails. Ficam os últimos 200.</p>`;
  const items = emails.map((email) => renderEmail(email, time));
  return `<section class="area" aria-labelledby="emails-title"><h2 id="emails-title">E-mails</h2>
${note}
<div class="mails">${items.join('\n') || '<p class="empty">Nenhum e-mail recebido ainda.</p>'}</div>
</section>`;
}

function renderEmail(email: SimulatedEmail, time: Intl.DateTimeFormat): string {
  const id = `e-${email.id}`;
  const subject = email.subject || '(sem assunto)';
  const text = email.text
    ? `<div class="mtext">${linkify(email.text)}</div>`
    : '<p class="empty">Sem versão em texto.</p>';
  // srcdoc is an attribute: the HTML is escaped once for it and parsed only inside the sandbox.
  const html = email.html
    ? `<iframe sandbox="" srcdoc="${escapeHtml(email.html)}" title="Versão HTML de “${escapeHtml(subject)}”" referrerpolicy="no-referrer" loading="lazy"></iframe>`
    : '<p class="empty">Sem versão em HTML.</p>';
  return `<article class="mail" id="${id}" aria-labelledby="${id}-s">
<h3 id="${id}-s">${escapeHtml(subject)}</h3>
<dl class="mhead"><div><dt>De:</dt><dd>${escapeHtml(email.from)}</dd></div><div><dt>Para:</dt><dd>${escapeHtml(email.to.join(', '))}</dd></div><div><dt>Recebido:</dt><dd><time datetime="${new Date(email.at).toISOString()}">${escapeHtml(time.format(email.at))}</time></dd></div></dl>
<div class="mbody"><section aria-label="Texto"><h4>Texto</h4>${text}</section><section aria-label="HTML"><h4>HTML</h4>${html}</section></div>
</article>`;
}
