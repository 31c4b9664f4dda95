import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/http/app-context.js';
import { buildProvider, findProviderAccount } from '../../src/messaging/provider-accounts.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';
import { record } from '../helpers/app.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, signIn } from '../helpers/users.js';

/**
 * Workspaces share the built-in simulator as Meta's businesses share the Cloud API: each one's
 * templates belong to its own business account, listed to it alone, and a template name two
 * workspaces both use renders each one's sends with its own body.
 */
describe('the simulator keeps each workspace’s templates apart (SQLite)', () => {
  let m: MessagingContext;
  let ctx: AppContext;
  let workspaceId: number;
  beforeAll(async () => {
    m = await setupMessaging('sqlite');
    ctx = (m.app as unknown as { ponte: AppContext }).ponte;
    workspaceId = (await createWorkspace(m.database.db, { slug: 'sul', name: 'Sul', adminEmail: 'admin@sul.test' }))
      .workspaceId;
    await createUser(m.database, workspaceId, 'supervisor', 'supervisora@sul.test');
    const supervisor = await signIn(m.app, 'supervisora@sul.test');
    expect((await supervisor.call('PUT', '/api/v1/whatsapp-provider', { kind: 'simulator' })).statusCode).toBe(200);
    const created = await supervisor.call('POST', '/api/v1/templates', {
      name: 'abertura_chamado',
      body: 'Sul: chamado aberto, {{1}}.',
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => m?.close());

  it('lists to each workspace only its own templates', async () => {
    const demo = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', m.demo.workspace)
      .executeTakeFirstOrThrow();
    const list = async (id: number) => {
      const account = (await findProviderAccount(m.database.db, id))!;
      const templates = await buildProvider(account, ctx.config.secretKey, m.simulator).listTemplates();
      return templates.map((t) => `${t.name}: ${t.body}`).sort();
    };
    expect(await list(workspaceId)).toEqual(['abertura_chamado: Sul: chamado aberto, {{1}}.']);
    const demoTemplates = await list(demo.id);
    expect(demoTemplates.map((t) => t.split(':')[0])).toEqual(['abertura_chamado', 'encerramento_chamado']);
    expect(demoTemplates.join()).not.toContain('Sul:');
  });

  it('renders a demo send with the demo’s body, not the other workspace’s template of the same name', async () => {
    await m.put('OS-SIM-1', record({ customer: { name: 'Maria Souza', phones: ['(19) 99876-1111'] } }));
    await m.waitFor('OS-SIM-1', (v) => v.messages[0]?.status === 'read');
    const [sent] = m.simulator.store.conversation('+5519998761111') as { text?: string }[];
    expect(sent?.text).toMatch(/^Olá, Maria Souza!/);
  });
});
