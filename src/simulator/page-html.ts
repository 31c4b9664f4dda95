/** HTML helpers shared by the simulator page's chats and e-mails: everything shown is escaped. */

const URL_PATTERN = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)]/g;

/** Makes links clickable and *bold* bold, as WhatsApp shows them; everything else is escaped. */
export function formatText(text: string): string {
  return linkify(text, formatPlain);
}

/** Makes http(s) links clickable (an e-mail's text version); everything else is escaped. */
export function linkify(text: string, plain: (text: string) => string = escapeHtml): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    html += plain(text.slice(from, match.index));
    html += link(match[0], match[0]);
    from = match.index + match[0].length;
  }
  return html + plain(text.slice(from));
}

function formatPlain(text: string): string {
  return escapeHtml(text).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>');
}

/** Only http(s) becomes a link: a template URL set through the API could say `javascript:`. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
