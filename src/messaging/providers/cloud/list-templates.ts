import type { ProviderTemplate } from '../provider.js';
import { type CloudHttpSettings, errorTitle, isRecord, parseJson, requestCloudApi, truncateDetail } from './http.js';
import type { CloudErrorResponse, CloudTemplateListResponse } from './wire-types.js';

/** A WABA holds at most 250 templates (Meta error 2388019), so 100 pages of 100 is plenty. */
const MAX_PAGES = 100;

export class TemplateListError extends Error {
  override readonly name = 'TemplateListError';
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus?: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/**
 * `GET /{waba-id}/message_templates`, following `paging.next` until the last page. Throws
 * TemplateListError (pt-BR message for the operator running `provider set`) on any failure:
 * a partial list would make templates look deleted.
 */
export async function listTemplates(http: CloudHttpSettings, templatesUrl: string): Promise<ProviderTemplate[]> {
  const origin = new URL(templatesUrl).origin;
  const templates: ProviderTemplate[] = [];
  const seen = new Set<string>();
  let url: string | undefined = templatesUrl;
  while (url !== undefined) {
    if (seen.size >= MAX_PAGES || seen.has(url)) {
      throw new TemplateListError('A paginação de templates do provedor não terminou.', 'paging_loop');
    }
    seen.add(url);
    const page = await fetchPage(http, url);
    for (const item of page.data ?? []) {
      if (!isRecord(item) || typeof item.name !== 'string' || typeof item.language !== 'string') continue;
      const body = item.components?.find((component) => component?.type?.toUpperCase() === 'BODY');
      templates.push({
        name: item.name,
        language: item.language,
        status: typeof item.status === 'string' ? item.status : 'UNKNOWN',
        category: typeof item.category === 'string' ? item.category : 'UNKNOWN',
        body: typeof body?.text === 'string' ? body.text : '',
      });
    }
    url = nextPageUrl(page, origin);
  }
  return templates;
}

async function fetchPage(http: CloudHttpSettings, url: string): Promise<CloudTemplateListResponse> {
  const outcome = await requestCloudApi(http, url, { method: 'GET' });
  if (outcome.kind !== 'response') {
    throw new TemplateListError(`Não foi possível listar os templates: ${outcome.message}.`, outcome.kind);
  }
  const json = parseJson(outcome.text);
  if (outcome.status < 200 || outcome.status >= 300) {
    const error = isRecord(json) ? (json as CloudErrorResponse).error : undefined;
    const code = typeof error?.code === 'number' ? String(error.code) : `http_${outcome.status}`;
    const title = errorTitle(error, `HTTP ${outcome.status}`);
    throw new TemplateListError(
      `O provedor recusou a listagem de templates (HTTP ${outcome.status}, código ${code}): ${title}`,
      code,
      outcome.status,
      truncateDetail(outcome.text),
    );
  }
  if (!isRecord(json) || !Array.isArray(json.data)) {
    throw new TemplateListError(
      'Resposta inesperada do provedor ao listar templates.',
      'invalid_response',
      outcome.status,
      truncateDetail(outcome.text),
    );
  }
  return json as CloudTemplateListResponse;
}

/**
 * The next page is an absolute URL chosen by the server; it is followed only on the same origin,
 * because the request carries the access token.
 */
function nextPageUrl(page: CloudTemplateListResponse, origin: string): string | undefined {
  const next = page.paging?.next;
  if (typeof next !== 'string' || next === '') return undefined;
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    throw new TemplateListError('O provedor indicou uma próxima página inválida.', 'invalid_paging');
  }
  if (url.origin !== origin) {
    throw new TemplateListError('O provedor indicou uma próxima página em outro endereço.', 'invalid_paging');
  }
  return url.toString();
}
