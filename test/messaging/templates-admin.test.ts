import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProviderAccount } from '../../src/messaging/provider-accounts.js';
import { sendTestMessage } from '../../src/messaging/test-send.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

const PHONE = '(19) 99876-5432';
const E164 = '+5519998765432';

/** Configurações > Modelos and > WhatsApp: the test send and the connection test, against the real simulator. */
describe.each(ENGINES)('templates and provider administration on %s', (engine) => {
  let m: MessagingContext;
  let supervisor: Session;
  let agent: Session;
  let other: Session;
  let otherWorkspaceId: number;
  beforeAll(async () => {
    m = await setupMessaging(engine);
    const demo = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    await createUser(m.database, demo.id, 'supervisor', 'supervisora@demo.test');
    await createUser(m.database, demo.id, 'agent', 'agente@demo.test');
    otherWorkspaceId = (
      await createWorkspace(m.database.db, { slug: 'outra', name: 'Outra', adminEmail: 'admin@outra.test' })
    ).workspaceId;
    await createUser(m.database, otherWorkspaceId, 'supervisor', 'supervisor@outra.test');
    [supervisor, agent, other] = await Promise.all([
      signIn(m.app, 'supervisora@demo.test'),
      signIn(m.app, 'agente@demo.test'),
      signIn(m.app, 'supervisor@outra.test'),
    ]);
  });
  afterAll(async () => m?.close());

  const received = (phone: string) =>
    m.simulator.store.conversation(phone).filter((item) => item.direction === 'outbound') as {
      templateName: string;
      text?: string;
      urlButton?: { url: string };
      parameters: { text: string }[];
    }[];

  it('tests the connection with the stored credentials: ok with the simulator, the reason in pt-BR otherwise', async () => {
    const ok = await supervisor.call('POST', '/api/v1/whatsapp-provider/test');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, templates: expect.any(Number) });
    expect(ok.json().message).toMatch(/^O provedor aceitou as credenciais e listou \d+ modelos?\.$/);

    // Another workspace, no provider yet: nothing to test, and the form says where to start.
    const none = await other.call('POST', '/api/v1/whatsapp-provider/test');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'kind' });

    // Cloud API fields are checked one by one, with the field named.
    const missing = await other.call('PUT', '/api/v1/whatsapp-provider', { kind: 'cloud', phoneNumberId: '123' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'wabaId', message: expect.stringContaining('WABA') });
    const badUrl = await other.call('PUT', '/api/v1/whatsapp-provider', {
      kind: 'plinx',
      baseUrl: 'api.plinx',
      phoneNumberId: '1',
      wabaId: '2',
      accessToken: 't',
      appSecret: 's',
    });
    expect(badUrl.json()).toMatchObject({ field: 'baseUrl' });

    // Cloud API pointed at the simulator with a token it does not know: refused, and said why.
    const cloud = {
      kind: 'cloud',
      baseUrl: `${m.baseUrl}/simulator`,
      apiVersion: 'v21.0',
      phoneNumberId: '5511999',
      wabaId: 'waba-outra',
      accessToken: 'token-errado',
      appSecret: 'segredo',
    };
    const saved = await other.call('PUT', '/api/v1/whatsapp-provider', cloud);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ kind: 'cloud', hasAccessToken: true, hasAppSecret: true });
    expect(saved.body).not.toContain('token-errado');
    const refused = (await other.call('POST', '/api/v1/whatsapp-provider/test')).json();
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('O token de acesso expirou ou é inválido');
    expect(refused.message).toContain('190');

    // A blank secret keeps the stored one; a closed port is a network failure.
    await other.call('PUT', '/api/v1/whatsapp-provider', { ...cloud, accessToken: '', baseUrl: 'http://127.0.0.1:9' });
    const account = await findProviderAccount(m.database.db, otherWorkspaceId);
    expect(JSON.parse(account!.settings).baseUrl).toBe('http://127.0.0.1:9');
    const unreachable = (await other.call('POST', '/api/v1/whatsapp-provider/test')).json();
    expect(unreachable).toMatchObject({ ok: false, message: expect.stringContaining('falha de rede') });

    const audit = (await supervisor.call('GET', '/api/v1/audit')).json().entries as {
      entity: string;
      after: unknown;
    }[];
    expect(audit.find((e) => e.entity === 'whatsapp_provider_check')).toMatchObject({
      after: { kind: 'simulator', ok: true },
    });
  });

  it('sends a template with a placeholder and a URL button to a typed phone, and the simulator receives it', async () => {
    const created = await supervisor.call('POST', '/api/v1/templates', {
      name: 'teste_visita',
      category: 'UTILITY',
      body: 'Olá, {{1}}! O técnico visita você amanhã. Protocolo {{2}}.',
      buttonUrl: 'https://ponte.example.com.br/t/{{1}}',
      quickReplies: ['Confirmar', 'Remarcar'],
    });
    expect(created.statusCode).toBe(201);
    const template = created.json();
    expect(template).toMatchObject({ status: 'APPROVED', placeholders: ['1', '2'] });

    const samples = (await supervisor.call('GET', `/api/v1/templates/${template.id}/test-send`)).json();
    expect(samples).toEqual({ values: { '1': 'exemplo 1', '2': 'exemplo 2' }, buttonSuffix: 'exemplo?c=w' });

    const sent = await supervisor.call('POST', `/api/v1/templates/${template.id}/test-send`, {
      phone: PHONE,
      values: { '1': 'Joana', '2': '' },
      buttonSuffix: 'abc123',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      ok: true,
      to: '+5519*****5432',
      providerMessageId: expect.stringMatching(/^wamid\./),
      text: 'Olá, Joana! O técnico visita você amanhã. Protocolo exemplo 2.',
      buttonUrl: 'https://ponte.example.com.br/t/abc123',
    });
    const [message] = received(E164).filter((item) => item.templateName === 'teste_visita');
    expect(message?.text).toBe('Olá, Joana! O técnico visita você amanhã. Protocolo exemplo 2.');
    expect(message?.urlButton?.url).toBe('https://ponte.example.com.br/t/abc123');
    // Not a ticket's message: nothing in the outbox, and the status webhooks that follow are ignored.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await m.database.db.selectFrom('messages').select('id').execute();
    expect(rows).toHaveLength(0);

    const audit = (await supervisor.call('GET', '/api/v1/audit')).json().entries as {
      entity: string;
      after: unknown;
    }[];
    const entry = audit.find((e) => e.entity === 'template_test_send');
    expect(entry).toMatchObject({ after: { template: 'teste_visita', to: '+5519*****5432', ok: true } });
    expect(JSON.stringify(audit)).not.toContain('998765432');
  });

  it('uses a task binding as the sample of a positional placeholder', async () => {
    const { templates } = (await supervisor.call('GET', '/api/v1/templates')).json();
    const opening = templates.find((t: { name: string }) => t.name === 'abertura_chamado');
    const samples = (await supervisor.call('GET', `/api/v1/templates/${opening.id}/test-send`)).json();
    expect(samples.values['1']).toBe('Maria Aparecida de Souza');
    expect(samples.values['2']).toMatch(/^\d{8}-000123$/);
    expect(samples.values['3']).toBe('https://ponte.example.com.br/t/exemplo?c=w');
  });

  it('refuses a bad phone, a fixed line and a bad value next to the field, and reports the provider’s refusal', async () => {
    const { templates } = (await supervisor.call('GET', '/api/v1/templates')).json();
    const opening = templates.find((t: { name: string }) => t.name === 'abertura_chamado');
    const send = (body: object) => supervisor.call('POST', `/api/v1/templates/${opening.id}/test-send`, body);

    const bad = await send({ phone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'phone', message: expect.stringContaining('Telefone inválido') });
    const fixed = await send({ phone: '(19) 3251-4000' });
    expect(fixed.json()).toMatchObject({ field: 'phone', message: expect.stringContaining('celular') });
    const multiline = await send({ phone: PHONE, values: { '1': 'duas\nlinhas' } });
    expect(multiline.json()).toMatchObject({ field: 'values.1' });

    await fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent('+5521991234567')}/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'not_on_whatsapp_sync' }),
    });
    const refused = await send({ phone: '21 99123-4567' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      ok: false,
      code: '131026',
      retryable: false,
      message: expect.stringContaining('não recebe mensagens do WhatsApp'),
    });
  });

  it('keeps log lines free of the full phone number', async () => {
    const lines: string[] = [];
    const log = {
      info: (object: object, message: string) => lines.push(JSON.stringify({ ...object, message })),
      warn: (object: object, message: string) => lines.push(JSON.stringify({ ...object, message })),
    };
    const demo = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    const account = (await findProviderAccount(m.database.db, demo.id))!;
    const template = await m.database.db
      .selectFrom('templates')
      .selectAll()
      .where('workspace_id', '=', demo.id)
      .where('name', '=', 'abertura_chamado')
      .executeTakeFirstOrThrow();
    const deps = {
      db: m.database.db,
      account,
      secretKey: Buffer.alloc(32, 7),
      simulator: m.simulator,
      publicUrl: 'https://ponte.example.com.br',
      log,
    };
    const accepted = await sendTestMessage(deps, template, { phone: PHONE });
    const refused = await sendTestMessage(deps, template, { phone: '+55 21 99123-4567' });
    expect([accepted.ok, refused.ok]).toEqual([true, false]);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('+5519*****5432');
    expect(lines.join('\n')).not.toMatch(/998765432|991234567/);
  });

  it('refuses a template that is not approved yet, a template of another workspace, and agents', async () => {
    // The other workspace's provider is a Cloud API account: a new template waits for approval.
    const pending = await other.call('POST', '/api/v1/templates', { name: 'aviso', body: 'Aviso {{1}}' });
    expect(pending.json().status).toBe('PENDING');
    const send = await other.call('POST', `/api/v1/templates/${pending.json().id}/test-send`, { phone: PHONE });
    expect(send.statusCode).toBe(422);
    expect(send.json()).toMatchObject({ field: 'templateId', message: expect.stringContaining('não está aprovado') });
    expect(
      (await supervisor.call('POST', `/api/v1/templates/${pending.json().id}/test-send`, { phone: PHONE })).statusCode,
    ).toBe(404);

    const bad = await supervisor.call('POST', '/api/v1/templates', { name: 'ruim', body: 'Olá {{1}} e {{3}}' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'body', message: expect.stringContaining('sem lacunas') });

    const { templates } = (await supervisor.call('GET', '/api/v1/templates')).json();
    for (const [method, url] of [
      ['POST', `/api/v1/templates/${templates[0].id}/test-send`],
      ['GET', `/api/v1/templates/${templates[0].id}/test-send`],
      ['POST', '/api/v1/whatsapp-provider/test'],
      ['GET', '/api/v1/whatsapp-provider'],
      ['POST', '/api/v1/templates/sync'],
    ] as const) {
      const response = await agent.call(method, url, method === 'POST' ? { phone: PHONE } : undefined);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('syncs from the provider, counting updated and added, and records it', async () => {
    const synced = await supervisor.call('POST', '/api/v1/templates/sync');
    expect(synced.statusCode).toBe(200);
    expect(synced.json().updated).toBeGreaterThanOrEqual(3);
    const audit = (await supervisor.call('GET', '/api/v1/audit')).json().entries as {
      entity: string;
      after: unknown;
    }[];
    expect(audit.find((e) => e.entity === 'template_sync')).toMatchObject({ after: { provider: 'simulator' } });
  });
});
