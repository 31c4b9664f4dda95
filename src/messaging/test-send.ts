import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ProviderAccount, Template } from '../db/schema.js';
import { formatProtocol } from '../tickets/protocol.js';
import { isMobile, maskPhone, normalizePhone } from './phones.js';
import { buildProvider, type SimulatorLocation } from './provider-accounts.js';
import { describeProviderError } from './provider-errors.js';
import { fillPlaceholders, isPositional, placeholdersOf } from './templates/placeholders.js';
import { buttonUrlPrefix } from './templates/render.js';
import { surveyLink, trackingLink } from './templates/variables.js';

/**
 * Configurações > Modelos' "envio de teste": one template to one phone the supervisor types, with
 * sample (or typed) values, straight through the workspace's provider. It is not a ticket's
 * message: nothing is queued, no row is written in `messages`, and the id sent as
 * biz_opaque_callback_data is not numeric, so the status webhooks that follow match no message
 * and are ignored (src/webhooks/apply-webhook.ts).
 */

export class TestSendInputError extends Error {
  override readonly name = 'TestSendInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TestSendSamples {
  /** Placeholder → value, in the order the template sends them. */
  values: Record<string, string>;
  /** The dynamic suffix of the URL button, when the template has one. */
  buttonSuffix?: string;
}

export type TestSendOutcome = {
  /** The recipient as logs and screens may show it (+5519*****5432). */
  to: string;
  text: string;
  buttonUrl?: string;
} & ({ ok: true; providerMessageId: string } | { ok: false; code: string; retryable: boolean; message: string });

const SAMPLE_TICKET_ID = 123;

/** What a variable looks like on a made-up ticket: realistic enough to judge the message. */
function sampleOf(variable: string | undefined, publicUrl: string, now: number): string | undefined {
  switch (variable) {
    case 'customer_name':
      return 'Maria Aparecida de Souza';
    case 'customer_first_name':
      return 'Maria';
    case 'protocol':
      return formatProtocol(SAMPLE_TICKET_ID, now);
    case 'tracking_link':
      return trackingLink(publicUrl, 'exemplo', 'whatsapp');
    case 'survey_link':
      return surveyLink(publicUrl, 'exemplo', 'whatsapp');
    case 'status':
      return 'EM ANÁLISE';
    case 'external_id':
      return 'OS-1234';
  }
  if (variable?.startsWith('field.')) return `exemplo de ${variable.slice('field.'.length)}`;
  return undefined;
}

/**
 * Sample values for a template's placeholders. A positional one ({{1}}) takes the variable a
 * procedure's task binds it to, when some task sends this template; a named one that is itself a
 * variable ({{customer_name}}) takes that variable's sample.
 */
export async function testSendSamples(
  db: Kysely<DB>,
  template: Pick<Template, 'id' | 'workspace_id' | 'body' | 'button_url'>,
  publicUrl: string,
  now = Date.now(),
): Promise<TestSendSamples> {
  const task = await db
    .selectFrom('procedure_tasks')
    .select('whatsapp_bindings')
    .where('workspace_id', '=', template.workspace_id)
    .where('whatsapp_template_id', '=', template.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const bindings = task ? (JSON.parse(task.whatsapp_bindings) as Record<string, string>) : {};
  const values: Record<string, string> = {};
  for (const placeholder of placeholdersOf(template.body)) {
    values[placeholder] =
      sampleOf(bindings[placeholder] ?? placeholder, publicUrl, now) ?? `exemplo ${placeholder.replaceAll('_', ' ')}`;
  }
  if (!template.button_url) return { values };
  const full = sampleOf(bindings.button ?? 'tracking_link', publicUrl, now) ?? 'exemplo';
  const prefix = buttonUrlPrefix(template.button_url);
  return { values, buttonSuffix: full.startsWith(prefix) ? full.slice(prefix.length) : 'exemplo' };
}

/** The phone as E.164, or why it can't receive a WhatsApp (in pt-BR, for the `phone` field). */
export function testSendRecipient(raw: string): string {
  const { e164 } = normalizePhone(raw.trim());
  if (e164 === null) {
    throw new TestSendInputError('phone', 'Telefone inválido: informe DDD e número, por exemplo (19) 99876-5432.');
  }
  if (!isMobile(e164)) {
    throw new TestSendInputError('phone', 'Este número não é de celular: o WhatsApp só chega a celulares.');
  }
  return e164;
}

/** Meta refuses parameters with line breaks, tabs or more than 4 spaces in a row (error 100). */
function checkParameter(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw new TestSendInputError(field, 'Informe um valor (o WhatsApp não aceita variável vazia).');
  if (/[\n\t]| {5,}/.test(text)) {
    throw new TestSendInputError(
      field,
      'Sem quebras de linha, tabulações ou mais de 4 espaços seguidos (regra do WhatsApp).',
    );
  }
  return text;
}

export interface TestSendInput {
  phone: string;
  values?: Readonly<Record<string, string>>;
  buttonSuffix?: string;
}

export interface TestSendDeps {
  db: Kysely<DB>;
  account: ProviderAccount;
  secretKey: Buffer;
  simulator: SimulatorLocation;
  publicUrl: string;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

/** Validates the input, renders the template and sends it once; the provider's answer is the outcome. */
export async function sendTestMessage(
  deps: TestSendDeps,
  template: Template,
  input: TestSendInput,
): Promise<TestSendOutcome> {
  const to = testSendRecipient(input.phone);
  const samples = await testSendSamples(deps.db, template, deps.publicUrl);
  const values: Record<string, string> = {};
  for (const [placeholder, sample] of Object.entries(samples.values)) {
    const typed = input.values?.[placeholder];
    values[placeholder] = checkParameter(`values.${placeholder}`, typed?.trim() ? typed : sample);
  }
  let buttonSuffix: string | undefined;
  if (template.button_url) {
    const typed = input.buttonSuffix?.trim();
    buttonSuffix = checkParameter('buttonSuffix', typed ? typed : (samples.buttonSuffix ?? 'exemplo'));
    if (/\s/.test(buttonSuffix)) throw new TestSendInputError('buttonSuffix', 'O sufixo do link não pode ter espaços.');
  }
  const placeholders = Object.keys(values);
  const positional = isPositional(placeholders);
  const rendered = {
    to: maskPhone(to),
    text: fillPlaceholders(template.body, values),
    ...(template.button_url && buttonSuffix
      ? { buttonUrl: `${buttonUrlPrefix(template.button_url)}${buttonSuffix}` }
      : {}),
  };
  let provider: ReturnType<typeof buildProvider>;
  try {
    provider = buildProvider(deps.account, deps.secretKey, deps.simulator);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...rendered,
      ok: false,
      code: 'provider_config',
      retryable: false,
      message: `Provedor mal configurado: ${reason}`,
    };
  }
  const result = await provider.send({
    messageId: `teste-${randomUUID()}`,
    to,
    templateName: template.name,
    language: template.language,
    bodyParameters: placeholders.map((name) => (positional ? { text: values[name]! } : { name, text: values[name]! })),
    ...(buttonSuffix ? { urlButtonSuffix: buttonSuffix } : {}),
  });
  if (result.ok) {
    deps.log.info(
      { template: template.name, to: rendered.to, providerMessageId: result.providerMessageId },
      'envio de teste aceito',
    );
    return { ...rendered, ok: true, providerMessageId: result.providerMessageId };
  }
  deps.log.warn(
    { template: template.name, to: rendered.to, code: result.code, httpStatus: result.httpStatus },
    'envio de teste recusado pelo provedor',
  );
  return {
    ...rendered,
    ok: false,
    code: result.code,
    retryable: result.retryable,
    message: describeProviderError(result),
  };
}
