import type { Workspace } from '../db/schema.js';

/** What the public pages show of a workspace; null columns take these pt-BR defaults. */
export const BRANDING_DEFAULTS = {
  brandColor: '#1d4ed8',
  csatQuestion: 'Como você avalia o atendimento que recebeu?',
  commentQuestion: 'Quer contar mais alguma coisa? (opcional)',
  npsQuestion: 'De 0 a 10, quanto você recomendaria a {empresa} a um amigo ou familiar?',
} as const;

export const BRANDING_LIMITS = {
  /** An inline logo keeps the page under 30 KB with no external request. */
  dataUrlChars: 16_384,
  httpsUrlChars: 500,
  questionChars: 200,
} as const;

export interface Branding {
  companyName: string;
  logoUrl: string | null;
  brandColor: string;
  /** Text colour that reads on the brand colour (WCAG contrast of the two candidates). */
  onBrandColor: string;
  csatQuestion: string;
  commentQuestion: string;
  npsEnabled: boolean;
  npsQuestion: string;
}

export type BrandingColumns = Pick<
  Workspace,
  'name' | 'logo_url' | 'brand_color' | 'csat_question' | 'comment_question' | 'nps_enabled' | 'nps_question'
>;

export function brandingOf(workspace: BrandingColumns): Branding {
  const brandColor = workspace.brand_color ?? BRANDING_DEFAULTS.brandColor;
  return {
    companyName: workspace.name,
    logoUrl: workspace.logo_url,
    brandColor,
    onBrandColor: readableOn(brandColor),
    csatQuestion: workspace.csat_question ?? BRANDING_DEFAULTS.csatQuestion,
    commentQuestion: workspace.comment_question ?? BRANDING_DEFAULTS.commentQuestion,
    npsEnabled: workspace.nps_enabled === 1,
    npsQuestion: (workspace.nps_question ?? BRANDING_DEFAULTS.npsQuestion).replaceAll('{empresa}', workspace.name),
  };
}

export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/**
 * A logo is either inline (a base64 `data:` image, which keeps the page free of external
 * requests) or an https address (one request to that host, allowed by the page's CSP). SVG is
 * safe here: an <img> never runs a script inside it.
 */
export function logoProblem(url: string): string | undefined {
  if (url.startsWith('data:')) {
    if (!/^data:image\/(png|jpeg|webp|gif|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/.test(url)) {
      return 'o logotipo inline deve ser uma imagem PNG, JPEG, WebP, GIF ou SVG em base64 (data:image/…;base64,…)';
    }
    if (url.length > BRANDING_LIMITS.dataUrlChars) {
      return `o logotipo inline pode ter até ${BRANDING_LIMITS.dataUrlChars} caracteres (cerca de 12 KB)`;
    }
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'o logotipo deve ser uma imagem data: ou um endereço https://';
  }
  if (parsed.protocol !== 'https:') return 'o endereço do logotipo deve começar com https://';
  if (url.length > BRANDING_LIMITS.httpsUrlChars)
    return `o endereço pode ter até ${BRANDING_LIMITS.httpsUrlChars} caracteres`;
  return undefined;
}

/** The origin a logo is fetched from, for the CSP's img-src (none for inline logos). */
export function logoOrigin(url: string | null): string | undefined {
  if (url === null || url.startsWith('data:')) return undefined;
  return new URL(url).origin;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black, whichever contrasts more with the brand colour. */
export function readableOn(hex: string): string {
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#111827';
}

/** "Assistência Técnica Demo" → "AT": the badge shown when a workspace has no logo. */
export function monogram(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 2);
  const letters = (words.length > 0 ? words : [name]).slice(0, 2).map((w) => w[0]!.toLocaleUpperCase('pt-BR'));
  return letters.join('') || '?';
}
