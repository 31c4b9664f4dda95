import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import type { ProviderAccount } from '../db/schema.js';
import { type SimulatorLocation, simulatorSecrets } from '../messaging/provider-accounts.js';
import { EmailInbox } from './email-inbox.js';
import { simulatorRoutes } from './simulator-routes.js';
import { SimulatorStore } from './simulator-store.js';

/**
 * The simulator as Ponte runs it: mounted at /simulator in the API process, answering only when
 * some workspace has it as its WhatsApp provider, signing with secrets derived from
 * PONTE_SECRET_KEY, posting webhooks to this process's own /webhooks/whatsapp/cloud, and knowing
 * the templates of those workspaces (loaded at start and registered again when one is saved).
 * Its e-mail inbox is an SMTP server `ponte start` runs on 127.0.0.1; the page and /simulator/emails
 * answer too when a workspace sends its e-mails there.
 */
export class PonteSimulator implements SimulatorLocation {
  readonly store = new SimulatorStore();
  readonly inbox = new EmailInbox();
  #baseUrl: string | undefined;
  #enabledCheckedAt = 0;
  #enabled = false;

  constructor(
    private readonly database: Database,
    private readonly secretKey: Buffer,
    baseUrl?: string,
    private readonly stepDelayMs = 50,
  ) {
    this.#baseUrl = baseUrl;
  }

  baseUrl(): string | undefined {
    return this.#baseUrl;
  }

  /** Set once the server listens (its port may have been chosen by the OS). */
  setBaseUrl(url: string): void {
    this.#baseUrl ??= url;
  }

  /** Some workspace uses the WhatsApp simulator, or sends its e-mails to the inbox. */
  async enabled(now = Date.now()): Promise<boolean> {
    if (now - this.#enabledCheckedAt > 2_000) {
      const row = await this.database.db
        .selectFrom('provider_accounts')
        .select('id')
        .where('kind', '=', 'simulator')
        .limit(1)
        .executeTakeFirst();
      this.#enabled = row !== undefined || (await this.#inboxInUse());
      this.#enabledCheckedAt = now;
    }
    return this.#enabled;
  }

  async #inboxInUse(): Promise<boolean> {
    const port = this.inbox.port;
    if (port === undefined) return false;
    const row = await this.database.db
      .selectFrom('email_settings')
      .select('id')
      .where('port', '=', port)
      .where('host', 'in', ['127.0.0.1', 'localhost'])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Registers the templates of every workspace whose provider is the simulator, each for its own account. */
  async loadTemplates(): Promise<void> {
    const rows = await this.database.db
      .selectFrom('templates')
      .innerJoin('provider_accounts', 'provider_accounts.workspace_id', 'templates.workspace_id')
      .selectAll('templates')
      .select('provider_accounts.settings as account_settings')
      .where('provider_accounts.kind', '=', 'simulator')
      .execute();
    for (const row of rows) this.registerTemplate(row, { settings: row.account_settings });
  }

  /** A workspace's template, known only to that workspace's simulated business account. */
  registerTemplate(
    template: {
      name: string;
      language: string;
      category: string;
      body: string;
      button_url: string | null;
      quick_replies: string;
    },
    providerAccount: Pick<ProviderAccount, 'settings'>,
  ): void {
    const { phoneNumberId, wabaId } = JSON.parse(providerAccount.settings) as { phoneNumberId: string; wabaId: string };
    this.store.registerTemplate(
      {
        name: template.name,
        language: template.language,
        category: template.category,
        body: template.body,
        status: 'APPROVED',
        buttons: [
          ...(template.button_url ? [{ type: 'URL' as const, text: 'Acompanhar', url: template.button_url }] : []),
          ...(JSON.parse(template.quick_replies) as string[]).map((text) => ({ type: 'QUICK_REPLY' as const, text })),
        ],
      },
      { phoneNumberId, wabaId },
    );
  }

  async register(app: FastifyInstance): Promise<void> {
    const secrets = simulatorSecrets(this.secretKey);
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', async (_request, reply) => {
          if (!(await this.enabled())) {
            return reply.status(404).send({
              code: 'not_found',
              message:
                'O simulador está desligado: nenhum workspace o usa como provedor de WhatsApp nem envia e-mails à sua caixa.',
            });
          }
        });
        await simulatorRoutes(scope, {
          store: this.store,
          webhookUrl: () => (this.#baseUrl ? `${this.#baseUrl}/webhooks/whatsapp/cloud` : undefined),
          appSecret: secrets.appSecret,
          accessToken: secrets.accessToken,
          stepDelayMs: this.stepDelayMs,
          inbox: this.inbox,
        });
      },
      { prefix: '/simulator' },
    );
  }
}
