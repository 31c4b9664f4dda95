import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { type Session, signIn } from '../helpers/users.js';

describe.each(ENGINES)('a supervisor configures the flow over the API on %s', (engine) => {
  let m: MessagingContext;
  let supervisor: Session;
  beforeAll(async () => {
    m = await setupMessaging(engine);
    supervisor = await signIn(m.app, m.demo.adminEmail, m.demo.adminPassword);
  });
  afterAll(async () => m?.close());

  it('refuses a template that does not compile, naming the field', async () => {
    const mixed = await supervisor.call('POST', '/api/v1/templates', { name: 'misto', body: 'Olá {{1}}, {{nome}}' });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json()).toMatchObject({ code: 'invalid_template', field: 'body' });
    const badName = await supervisor.call('POST', '/api/v1/templates', { name: 'Com Espaço', body: 'Olá' });
    expect(badName.json()).toMatchObject({ code: 'invalid_template', field: 'name' });
    const badButton = await supervisor.call('POST', '/api/v1/templates', {
      name: 'botao',
      body: 'Olá',
      buttonUrl: 'https://x.com/',
    });
    expect(badButton.json()).toMatchObject({ code: 'invalid_template', field: 'buttonUrl' });
  });

  it('creates a template, a procedure whose last task sends the survey, maps statuses, and the close sends it', async () => {
    const template = await supervisor.call('POST', '/api/v1/templates', {
      name: 'pesquisa_final',
      body: 'Oi {{nome}}! O chamado {{protocolo}} foi encerrado. Avalie: {{pesquisa}}',
    });
    expect(template.statusCode).toBe(201);
    expect(template.json()).toMatchObject({ status: 'APPROVED', placeholders: ['nome', 'protocolo', 'pesquisa'] });

    const unknownVariable = await supervisor.call('POST', '/api/v1/procedures', {
      name: 'Ruim',
      tasks: [
        task('Fim', { sendWhatsapp: true, templateId: template.json().id, bindings: { nome: 'cpf_do_cliente' } }),
      ],
    });
    expect(unknownVariable.statusCode).toBe(400);
    expect(unknownVariable.json()).toMatchObject({ field: 'tasks[0].bindings.nome' });

    const procedure = await supervisor.call('POST', '/api/v1/procedures', {
      name: 'Logística reversa',
      tasks: [
        task('Recebido'),
        task('Finalizado', {
          sendWhatsapp: true,
          templateId: template.json().id,
          bindings: { nome: 'customer_first_name', protocolo: 'protocol', pesquisa: 'survey_link' },
        }),
      ],
    });
    expect(procedure.json()).toMatchObject({ name: 'Logística reversa' });
    expect(procedure.statusCode).toBe(201);
    const [received, finished] = procedure.json().tasks as { id: number }[];
    const mapped = await supervisor.call('PUT', '/api/v1/sources/erp/status-mappings', {
      mappings: [
        { state: 'open', status: null, taskId: received!.id },
        { state: 'closed', status: null, taskId: finished!.id },
      ],
    });
    expect(mapped.statusCode).toBe(200);

    const open = record({ customer: { name: 'Paula Souza', phones: ['(41) 99876-1234'] } });
    const { body: ticket } = await m.put('LR-1', open);
    await m.put('LR-1', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const view = await m.waitFor('LR-1', (v) => v.messages[0]?.status === 'read');
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0].template).toBe('pesquisa_final');
    const [sent] = m.simulator.store.conversation('+5541998761234') as { text?: string }[];
    expect(sent?.text).toBe(
      `Oi Paula! O chamado ${ticket.protocol} foi encerrado. Avalie: ${ticket.trackingUrl.replace('/t/', '/s/')}?c=w`,
    );

    const preview = await supervisor.call('POST', `/api/v1/templates/${template.json().id}/preview`, {
      ticketId: ticket.id,
      bindings: { nome: 'customer_name', protocolo: 'field.nao_existe' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().problems).toEqual([
      'Campo: nao_existe está vazio neste chamado ({{protocolo}}).',
      'A variável {{pesquisa}} não está associada a nenhum dado.',
    ]);
  });

  it('lists every message of the workspace with filters', async () => {
    await m.put('LR-2', record({ state: 'closed', customer: { name: 'Sem fone', phones: [] } }));
    const all = (await supervisor.call('GET', '/api/v1/messages')).json();
    expect(all.messages.length).toBeGreaterThan(0);
    const noPhone = (await supervisor.call('GET', '/api/v1/messages?reason=no_valid_phone')).json();
    expect(noPhone.messages.every((x: { reason: string }) => x.reason === 'no_valid_phone')).toBe(true);
    expect(noPhone.messages.length).toBeGreaterThan(0);
  });

  it('shows the provider without its secrets', async () => {
    const provider = (await supervisor.call('GET', '/api/v1/whatsapp-provider')).json();
    expect(provider).toMatchObject({ kind: 'simulator', rateLimitPerSecond: 80, hasAccessToken: true });
    expect(JSON.stringify(provider)).not.toMatch(/accessToken"|appSecret"/);
  });
});

function task(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    sendWhatsapp: false,
    templateId: null,
    bindings: {},
    sendEmail: false,
    emailFallback: false,
    notifyTeam: false,
    closeTicket: false,
    resendOnReentry: false,
    ...overrides,
  };
}
