import { loadConfig } from '../../config.js';
import type { ProviderKind } from '../../db/schema.js';
import {
  accountSecrets,
  buildProvider,
  ProviderInputError,
  type ProviderSettings,
  setProviderAccount,
} from '../../messaging/provider-accounts.js';
import { applyTemplateSync } from '../../messaging/templates/repository.js';
import { type Output, UsageError } from '../output.js';
import { requireWorkspace, withDatabase } from '../with-database.js';

const KINDS: readonly ProviderKind[] = ['cloud', 'plinx', 'simulator'];

export interface ProviderOptions {
  baseUrl?: string;
  apiVersion?: string;
  phoneNumberId?: string;
  wabaId?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
  rateLimit?: string;
}

/**
 * `ponte provider set <workspace> <cloud|plinx|simulator> [options]`: stores the provider with
 * its secrets encrypted and, for cloud and plinx, syncs the templates' approval status.
 */
export async function providerSetCommand(out: Output, slug?: string, kind?: string, options: ProviderOptions = {}) {
  if (!slug || !kind || !(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      'uso: ponte provider set <workspace> <cloud|plinx|simulator> [--base-url …] [--access-token …] …',
    );
  }
  const rate = options.rateLimit === undefined ? undefined : Number(options.rateLimit);
  const config = loadConfig();
  const result = await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, slug);
    let account: Awaited<ReturnType<typeof setProviderAccount>>;
    try {
      account = await setProviderAccount(database.db, config.secretKey, workspace, {
        kind: kind as ProviderKind,
        ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
        ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
        ...(options.phoneNumberId !== undefined ? { phoneNumberId: options.phoneNumberId } : {}),
        ...(options.wabaId !== undefined ? { wabaId: options.wabaId } : {}),
        ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
        ...(options.appSecret !== undefined ? { appSecret: options.appSecret } : {}),
        ...(options.verifyToken !== undefined ? { verifyToken: options.verifyToken } : {}),
        ...(rate !== undefined ? { rateLimitPerSecond: rate } : {}),
      });
    } catch (error) {
      if (error instanceof ProviderInputError) throw new UsageError(error.message);
      throw error;
    }
    let sync: { updated: number; added: number } | { error: string } | undefined;
    if (account.kind !== 'simulator') {
      try {
        const provider = buildProvider(account, config.secretKey, { baseUrl: () => undefined });
        sync = await applyTemplateSync(database.db, workspace.id, await provider.listTemplates());
      } catch (error) {
        sync = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    const settings = JSON.parse(account.settings) as ProviderSettings;
    return {
      workspace: workspace.slug,
      provider: account.kind,
      phoneNumberId: settings.phoneNumberId,
      rateLimitPerSecond: account.rate_limit_per_second,
      webhookUrl: `${config.publicUrl}/webhooks/whatsapp/${account.kind === 'plinx' ? 'plinx' : 'cloud'}`,
      // Shown so it can be pasted in the provider's panel; the access token and app secret never are.
      verifyToken: accountSecrets(account, config.secretKey).verifyToken,
      ...(sync ? { templateSync: sync } : {}),
    };
  });
  const syncLine =
    result.templateSync === undefined
      ? ''
      : 'error' in result.templateSync
        ? `\nAtenção: não foi possível sincronizar os modelos: ${result.templateSync.error}`
        : `\nModelos sincronizados: ${result.templateSync.updated} atualizados, ${result.templateSync.added} novos.`;
  out.result(
    result,
    `Provedor de WhatsApp de "${result.workspace}": ${result.provider} (${result.rateLimitPerSecond} mensagens/s).\n` +
      `Webhook: ${result.webhookUrl}\nToken de verificação: ${result.verifyToken}${syncLine}`,
  );
}
