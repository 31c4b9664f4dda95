import type { OutgoingTemplateMessage, SendResult } from '../provider.js';
import { buildSendRequest } from './build-send-request.js';
import { CLOUD_ERROR_POLICY, type ErrorPolicy, parseRetryAfter } from './classify-error.js';
import { type CloudHttpSettings, errorTitle, isRecord, parseJson, requestCloudApi, truncateDetail } from './http.js';
import type { CloudErrorResponse, CloudSendResponse } from './wire-types.js';

/**
 * One send attempt: POST the template to `messagesUrl` and map whatever comes back (or doesn't)
 * to a SendResult. Never throws. A timeout or a dropped connection after the request went out
 * is ambiguous (Meta may have accepted it; /messages has no idempotency key): it is reported as
 * retryable and the dispatcher decides, helped by biz_opaque_callback_data on later webhooks.
 */
export async function sendTemplate(
  http: CloudHttpSettings,
  messagesUrl: string,
  message: OutgoingTemplateMessage,
  signal?: AbortSignal,
  policy: ErrorPolicy = CLOUD_ERROR_POLICY,
): Promise<SendResult> {
  const outcome = await requestCloudApi(
    http,
    messagesUrl,
    { method: 'POST', body: JSON.stringify(buildSendRequest(message)) },
    signal,
  );
  switch (outcome.kind) {
    case 'timeout':
      return {
        ok: false,
        retryable: true,
        code: 'timeout',
        title: 'Tempo de resposta esgotado',
        detail: outcome.message,
      };
    case 'aborted':
      return { ok: false, retryable: true, code: 'aborted', title: 'Envio interrompido', detail: outcome.message };
    case 'network':
      return { ok: false, retryable: true, code: 'network', title: 'Falha de rede', detail: outcome.message };
    case 'response':
      break;
  }

  const { status, headers, text } = outcome;
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const id = isRecord(json) ? (json as CloudSendResponse).messages?.[0]?.id : undefined;
    if (typeof id === 'string' && id !== '') return { ok: true, providerMessageId: id };
    // Accepted without an id we can read: not retried (it may well be on its way), and the
    // status webhooks still find the message through biz_opaque_callback_data.
    return {
      ok: false,
      retryable: false,
      code: 'invalid_response',
      title: 'Resposta sem id da mensagem',
      httpStatus: status,
      detail: truncateDetail(text),
    };
  }

  const error = isRecord(json) ? (json as CloudErrorResponse).error : undefined;
  const numericCode = typeof error?.code === 'number' ? error.code : undefined;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after')) ?? policy.defaultWaitMs(numericCode);
  return {
    ok: false,
    retryable: policy.isRetryable(numericCode, status),
    code: numericCode === undefined ? `http_${status}` : String(numericCode),
    // Meta: build on `code` and `details`; the `message` titles "will eventually be deprecated".
    title: errorTitle(error, `HTTP ${status}`),
    ...(policy.isNotOnWhatsApp(numericCode) ? { notOnWhatsApp: true } : {}),
    httpStatus: status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    detail: truncateDetail(text),
  };
}
