import type { ProviderAccount } from '../db/schema.js';
import { accountSecrets, type ProviderInput, type ProviderSettings } from './provider-accounts.js';
import { META_GRAPH_BASE_URL } from './providers/cloud/cloud-provider.js';

export class ProviderFieldError extends Error {
  override readonly name = 'ProviderFieldError';
  constructor(
    readonly field: keyof ProviderInput,
    message: string,
  ) {
    super(message);
  }
}

const REQUIRED: readonly [keyof ProviderInput, string][] = [
  ['baseUrl', 'Informe a URL base da API do provedor.'],
  ['phoneNumberId', 'Informe o ID do número de telefone (Phone number ID).'],
  ['wabaId', 'Informe o ID da conta WhatsApp Business (WABA ID).'],
  ['accessToken', 'Informe o token de acesso.'],
  ['appSecret', 'Informe a chave secreta do app (App secret), que assina os webhooks.'],
];

/**
 * The console's form checked field by field before setProviderAccount (which states what is
 * missing in the CLI's words): a value left blank counts as the stored one only when the kind
 * stays the same, because switching providers starts from empty credentials.
 */
export function checkProviderInput(
  input: ProviderInput,
  existing: ProviderAccount | undefined,
  secretKey: Buffer,
): void {
  if (input.kind === 'simulator') return;
  const same = existing?.kind === input.kind ? existing : undefined;
  const settings = same ? (JSON.parse(same.settings) as ProviderSettings) : undefined;
  const secrets = same ? accountSecrets(same, secretKey) : undefined;
  const effective: Partial<Record<keyof ProviderInput, unknown>> = {
    baseUrl: input.baseUrl ?? settings?.baseUrl ?? (input.kind === 'cloud' ? META_GRAPH_BASE_URL : ''),
    phoneNumberId: input.phoneNumberId ?? settings?.phoneNumberId,
    wabaId: input.wabaId ?? settings?.wabaId,
    accessToken: input.accessToken ?? secrets?.accessToken,
    appSecret: input.appSecret ?? secrets?.appSecret,
  };
  for (const [field, message] of REQUIRED) {
    const value = effective[field];
    if (typeof value !== 'string' || value.trim() === '') throw new ProviderFieldError(field, message);
  }
  let url: URL | undefined;
  try {
    url = new URL(String(effective.baseUrl));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ProviderFieldError(
      'baseUrl',
      'URL inválida: use o endereço completo, por exemplo https://graph.facebook.com.',
    );
  }
  if (input.apiVersion !== undefined && !/^v\d+(\.\d+)?$/.test(input.apiVersion)) {
    throw new ProviderFieldError('apiVersion', 'Versão inválida: use o formato v21.0.');
  }
}
