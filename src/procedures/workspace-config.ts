import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB, EmailTemplate, ProcedureTask, Template } from '../db/schema.js';

/**
 * What every event of a workspace consults: which task a source's status leads to, the tasks'
 * templates (WhatsApp and e-mail) and whether a WhatsApp provider and an SMTP server are set. Read once and kept, so the ingest hot path
 * pays no query for it.
 *
 * A save in the console invalidates it at once in this process and, on PostgreSQL, in every
 * other process through NOTIFY; changes made by another process on SQLite (the CLI) are seen
 * within `ttlMs`.
 */
export interface WorkspaceConfig {
  resolveTask(sourceId: number, state: 'open' | 'closed', status: string | null): ProcedureTask | undefined;
  template(id: number | null): Template | undefined;
  emailTemplate(id: number | null): EmailTemplate | undefined;
  providerAccountId: number | undefined;
  emailConfigured: boolean;
}

const CHANNEL = 'ponte_config';

export async function loadWorkspaceConfig(db: Kysely<DB>, workspaceId: number): Promise<WorkspaceConfig> {
  const [mappings, tasks, templates, account, emailTemplates, emailSettings] = await Promise.all([
    db.selectFrom('status_mappings').selectAll().where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('procedure_tasks').selectAll().where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('templates').selectAll().where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('provider_accounts').select('id').where('workspace_id', '=', workspaceId).executeTakeFirst(),
    db.selectFrom('email_templates').selectAll().where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('email_settings').select('id').where('workspace_id', '=', workspaceId).executeTakeFirst(),
  ]);
  const emailTemplateById = new Map(emailTemplates.map((t) => [t.id, t]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const templateById = new Map(templates.map((t) => [t.id, t]));
  // Per source: status (upper-cased, optionally with a state) → task, and state alone → task.
  const byStatus = new Map<string, ProcedureTask>();
  const byState = new Map<string, ProcedureTask>();
  for (const m of mappings) {
    const task = taskById.get(m.task_id);
    if (!task) continue;
    if (m.match_status !== null) byStatus.set(`${m.source_id}|${m.match_state ?? '*'}|${m.match_status}`, task);
    else if (m.match_state !== null) byState.set(`${m.source_id}|${m.match_state}`, task);
  }
  return {
    resolveTask(sourceId, state, status) {
      // A mapping of the status wins over a mapping of the state alone.
      if (status !== null) {
        const upper = status.toLocaleUpperCase('pt-BR');
        const task = byStatus.get(`${sourceId}|${state}|${upper}`) ?? byStatus.get(`${sourceId}|*|${upper}`);
        if (task) return task;
      }
      return byState.get(`${sourceId}|${state}`);
    },
    template: (id) => (id === null ? undefined : templateById.get(id)),
    emailTemplate: (id) => (id === null ? undefined : emailTemplateById.get(id)),
    providerAccountId: account?.id,
    emailConfigured: emailSettings !== undefined,
  };
}

export class WorkspaceConfigCache {
  readonly #entries = new Map<number, { config: Promise<WorkspaceConfig>; loadedAt: number }>();
  #stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly ttlMs = 2_000,
  ) {}

  async start(): Promise<void> {
    this.#stopListening = await this.database.listen?.(CHANNEL, (payload) => {
      if (payload === undefined) this.#entries.clear();
      else this.#entries.delete(Number(payload));
    });
  }

  async stop(): Promise<void> {
    await this.#stopListening?.();
  }

  get(workspaceId: number, now = Date.now()): Promise<WorkspaceConfig> {
    const entry = this.#entries.get(workspaceId);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.config;
    const config = loadWorkspaceConfig(this.database.db, workspaceId);
    this.#entries.set(workspaceId, { config, loadedAt: now });
    config.catch(() => this.#entries.delete(workspaceId));
    return config;
  }

  /** After a configuration change committed: this process at once, the others by NOTIFY. */
  async invalidate(workspaceId: number): Promise<void> {
    this.#entries.delete(workspaceId);
    if (this.database.listen) await sql`select pg_notify(${CHANNEL}, ${String(workspaceId)})`.execute(this.database.db);
  }
}
