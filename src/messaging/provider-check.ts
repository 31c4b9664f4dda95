import type { ProviderAccount } from '../db/schema.js';
import { buildProvider, type SimulatorLocation } from './provider-accounts.js';
import { explainProviderCode } from './provider-errors.js';
import { TemplateListError } from './providers/cloud/list-templates.js';

export type ConnectionCheck = { ok: true; templates: number; message: string } | { ok: false; message: string };

/** A check waits this long at most: the supervisor is looking at a spinner. */
const CHECK_TIMEOUT_MS = 8_000;

/**
 * Tests the stored credentials with the cheapest authenticated read the provider has: listing the
 * account's templates (`GET /{waba-id}/message_templates`). It proves the base URL answers, the
 * token is accepted and the WABA id is right, and sends nothing to anyone.
 */
export async function checkProviderConnection(
  account: ProviderAccount,
  secretKey: Buffer,
  simulator: SimulatorLocation,
): Promise<ConnectionCheck> {
  let templates: number;
  try {
    const provider = buildProvider(account, secretKey, simulator, { timeoutMs: CHECK_TIMEOUT_MS });
    templates = (await provider.listTemplates()).length;
  } catch (error) {
    return { ok: false, message: reasonOf(error) };
  }
  const count = templates === 1 ? '1 modelo' : `${templates} modelos`;
  return { ok: true, templates, message: `O provedor aceitou as credenciais e listou ${count}.` };
}

function reasonOf(error: unknown): string {
  if (error instanceof TemplateListError) {
    const known = explainProviderCode(error.code, error.httpStatus);
    return known ? `${known} Detalhe: ${error.message}` : error.message;
  }
  return `Não foi possível montar o provedor: ${error instanceof Error ? error.message : String(error)}`;
}
