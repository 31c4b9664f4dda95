import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { type Branding, COLOR_PATTERN, logoOrigin, monogram } from './branding.js';
import { type HtmlValue, html, type SafeHtml, trusted } from './html.js';
import { PAGE_STYLES } from './page-css.js';

export interface PageInput {
  title: string;
  /** The workspace's look; none on pages that must not reveal whose link it was (404). */
  branding?: Branding;
  body: SafeHtml;
  /** A few lines of progressive enhancement; the page works without them. */
  script?: string;
  /** The page's stylesheet (one of PAGE_STYLES); the base one by default. */
  css?: string;
}

export interface RenderedPage {
  html: string;
  /** The CSP sources of this page's inline <style> and <script> blocks ('sha256-…'). */
  styleSources: string[];
  scriptSources: string[];
  imgOrigin: string | undefined;
}

/**
 * The CSP allows exactly the page's own inline blocks, by hash: the stylesheet is a constant,
 * the brand colours one small block per workspace, the script a constant. Hashes are computed
 * once per distinct text (a bounded memo), so a page view hashes nothing.
 */
const hashes = new Map<string, string>();
function sourceOf(text: string): string {
  let source = hashes.get(text);
  if (source === undefined) {
    source = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    if (hashes.size >= 1_000) hashes.clear();
    hashes.set(text, source);
  }
  return source;
}

function header(branding: Branding | undefined): SafeHtml {
  if (!branding)
    return html`<header class="brand"><div class="brand-in"><span class="co">Acompanhamento</span></div></header>`;
  const badge = branding.logoUrl
    ? html`<img class="logo" src="${branding.logoUrl}" alt="" width="40" height="40">`
    : html`<span class="mono" aria-hidden="true">${monogram(branding.companyName)}</span>`;
  return html`<header class="brand"><div class="brand-in">${badge}<span class="co">${branding.companyName}</span></div></header>`;
}

/** A whole page: inline CSS (and script), nothing external. */
export function renderPage(page: PageInput): RenderedPage {
  // The colour was validated when saved; checked again so a hand-edited row can't break out of CSS.
  const brand = page.branding && COLOR_PATTERN.test(page.branding.brandColor) ? page.branding : undefined;
  const css = page.css ?? PAGE_STYLES.base;
  const vars = brand ? `:root{--brand:${brand.brandColor};--on-brand:${brand.onBrandColor}}` : '';
  const script: HtmlValue = page.script ? html`<script>${trusted(page.script)}</script>` : null;
  const markup = html`<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="theme-color" content="${brand?.brandColor ?? '#1d4ed8'}">
<title>${page.title}</title>
<style>${trusted(css)}</style>${vars ? html`<style>${trusted(vars)}</style>` : null}
</head><body>
${header(page.branding)}
<main>${page.body}</main>
<footer>${
    page.branding
      ? html`<p>Este link é pessoal: não o compartilhe.</p><p>Atendimento ${page.branding.companyName}</p>`
      : html`<p>Este link é pessoal: não o compartilhe.</p>`
  }</footer>
${script}
</body></html>`;
  return {
    html: markup.value,
    styleSources: vars ? [sourceOf(css), sourceOf(vars)] : [sourceOf(css)],
    scriptSources: page.script ? [sourceOf(page.script)] : [],
    imgOrigin: page.branding ? logoOrigin(page.branding.logoUrl) : undefined,
  };
}

/**
 * The headers every public page carries. The token is in the URL, so no referrer leaves the
 * page, nothing is cached on the way, and search engines are told to stay away. The CSP allows
 * only the page's own inline style and script (by hash), inline images (and the logo's host,
 * when the logo is an https address), and forms posting back here.
 */
export function sendPage(reply: FastifyReply, status: number, page: RenderedPage): FastifyReply {
  const img = page.imgOrigin ? `img-src data: ${page.imgOrigin}` : 'img-src data:';
  const script = page.scriptSources.length > 0 ? page.scriptSources.join(' ') : "'none'";
  return reply
    .status(status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex, nofollow',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src ${page.styleSources.join(' ')}; script-src ${script}; ${img}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    })
    .send(page.html);
}

/** A short page with a heading and a message: 404, 429, errors. */
export function messagePage(title: string, message: string, branding?: Branding, extra?: SafeHtml): RenderedPage {
  return renderPage({
    title,
    ...(branding ? { branding } : {}),
    body: html`<section class="card center"><h1>${title}</h1><p>${message}</p>${extra ?? null}</section>`,
  });
}

export const NOT_FOUND_TITLE = 'Link não encontrado';
export const NOT_FOUND_MESSAGE =
  'Este link não existe ou foi desativado. Confira se ele foi copiado inteiro; se precisar, responda à mensagem que você recebeu ou fale com a empresa que a enviou.';

export function notFoundPage(): RenderedPage {
  return messagePage(NOT_FOUND_TITLE, NOT_FOUND_MESSAGE);
}
