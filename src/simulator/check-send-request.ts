import { type MetaErrorBody, metaError } from './meta-payloads.js';
import { isNamedTemplate, placeholdersOf, type SentParameters } from './render-template.js';
import type { SimulatorTemplate } from './simulator-store.js';

export interface SendRequest extends SentParameters {
  /** `to` as sent (echoed as contacts[].input). */
  input: string;
  /** Digits only, the wa_id form. */
  waId: string;
  templateName: string;
  language: string;
  callbackData?: string;
}

export type CheckResult = { ok: true; request: SendRequest } | { ok: false; httpStatus: number; body: MetaErrorBody };

const fail = (httpStatus: number, code: number, title: string, details: string): CheckResult => ({
  ok: false,
  httpStatus,
  body: metaError(code, title, details),
});

const invalid = (details: string) => fail(400, 100, 'Invalid parameter', details);
const missing = (details: string) => fail(400, 131008, 'Required parameter is missing', details);

/** Checks a `POST /{phone-number-id}/messages` body the way Meta does, for template messages. */
export function checkSendRequest(body: unknown): CheckResult {
  if (!isObject(body)) return invalid('Request body must be a JSON object.');
  if (body.messaging_product !== 'whatsapp') return invalid('The parameter messaging_product is required.');
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    return invalid('The simulator supports recipient_type individual only.');
  }
  if (typeof body.to !== 'string' || body.to === '') return missing('The parameter to is required.');
  // Meta tolerates "+", spaces, dashes and parentheses in `to`.
  const waId = body.to.replace(/[\s+\-()]/g, '');
  if (!/^\d{8,15}$/.test(waId)) return invalid(`Invalid phone number in parameter to.`);
  if (body.type !== 'template') return fail(400, 131051, 'Unsupported message type', 'Simulator: templates only.');
  const callbackData = body.biz_opaque_callback_data;
  if (callbackData !== undefined && (typeof callbackData !== 'string' || callbackData.length > 512)) {
    return invalid('biz_opaque_callback_data must be a string of at most 512 characters.');
  }

  const template = body.template;
  if (!isObject(template)) return missing('The parameter template is required.');
  if (typeof template.name !== 'string' || template.name === '') return missing('template.name is required.');
  const language = isObject(template.language) ? template.language.code : undefined;
  if (typeof language !== 'string' || language === '') return missing('template.language.code is required.');

  const parameters: SentParameters = { body: [], quickReplyPayloads: new Map() };
  const components = template.components ?? [];
  if (!Array.isArray(components)) return invalid('template.components must be an array.');
  for (const component of components) {
    if (!isObject(component) || typeof component.type !== 'string') return invalid('Invalid component.');
    const list = Array.isArray(component.parameters) ? component.parameters : [];
    // Meta accepts component types in any case ("body" or "BODY").
    const type = component.type.toLowerCase();
    if (type === 'body') {
      for (const parameter of list) {
        if (!isObject(parameter) || parameter.type !== 'text' || typeof parameter.text !== 'string') {
          return invalid('Body parameters must be {type: "text", text}.');
        }
        if (parameter.text.trim() === '') return missing('Body parameter text is empty.');
        // Meta refuses parameter values with line breaks, tabs or more than 4 consecutive spaces.
        if (/[\n\t]| {5,}/.test(parameter.text)) {
          return invalid('Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
        }
        const name = parameter.parameter_name;
        parameters.body.push(typeof name === 'string' ? { name, text: parameter.text } : { text: parameter.text });
      }
    } else if (type === 'button') {
      const index = Number(component.index);
      const first = list[0];
      if (!Number.isInteger(index) || !isObject(first)) return invalid('Button component needs index and parameters.');
      if (component.sub_type === 'url' && typeof first.text === 'string') parameters.urlButtonSuffix = first.text;
      else if (component.sub_type === 'quick_reply' && typeof first.payload === 'string') {
        parameters.quickReplyPayloads.set(index, first.payload);
      } else return invalid('Unsupported button parameter.');
    }
  }

  return {
    ok: true,
    request: {
      ...parameters,
      input: body.to,
      waId,
      templateName: template.name,
      language,
      ...(typeof callbackData === 'string' ? { callbackData } : {}),
    },
  };
}

/** Only when templates are registered: the name, language, approval and parameter count. */
export function checkAgainstTemplate(request: SendRequest, template: SimulatorTemplate | undefined): CheckResult {
  if (template?.status !== 'APPROVED') {
    return fail(
      404,
      132001,
      'Template name does not exist in the translation',
      `template name (${request.templateName}) does not exist in ${request.language}`,
    );
  }
  const expected = placeholdersOf(template.body);
  if (isNamedTemplate(template.body)) {
    if (request.body.some((parameter) => !parameter.name)) return invalid('Parameter name is missing or empty');
    const given = new Set(request.body.map((parameter) => parameter.name));
    if (given.size !== request.body.length || expected.some((name) => !given.has(name))) {
      return fail(
        400,
        132000,
        'Number of parameters does not match the expected number of params',
        'body: named parameters do not match the template',
      );
    }
  }
  if (request.body.length !== expected.length) {
    return fail(
      400,
      132000,
      'Number of parameters does not match the expected number of params',
      `body: number of localizable_params (${request.body.length}) does not match the expected number of params (${expected.length})`,
    );
  }
  const urlButton = template.buttons.find((button) => button.type === 'URL');
  if (urlButton?.url && /\{\{\s*1\s*\}\}/.test(urlButton.url) && !request.urlButtonSuffix) {
    return missing('buttons: Button at index 0 of type Url requires a parameter');
  }
  return { ok: true, request };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
