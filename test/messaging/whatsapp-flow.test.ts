import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PHONE_TEXT } from '../../src/messaging/message-timeline.js';
import { simulatorSecrets } from '../../src/messaging/provider-accounts.js';
import { record } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging, types } from '../helpers/messaging.js';

const MARIA = '+5519998765432';

describe.each(ENGINES)('WhatsApp from event to customer on %s', (engine) => {
  let m: MessagingContext;
  beforeAll(async () => {
    m = await setupMessaging(engine);
  });
  afterAll(async () => m?.close());

  const received = (phone: string) =>
    m.simulator.store.conversation(phone).filter((item) => item.direction === 'outbound');

  it('greets a new record with the tracking link: queued, sent, delivered, read on the timeline', async () => {
    const created = await m.put('OS-100', record());
    expect(created.status).toBe(201);
    const view = await m.waitFor('OS-100', (v) => types(v).includes('message_read'));
    expect(types(view)).toEqual([
      'ticket_created',
      'task_entered',
      'message_queued',
      'message_sent',
      'message_delivered',
      'message_read',
    ]);
    expect(view.timeline[2].text).toBe('WhatsApp “abertura_chamado” na fila para +5519*****5432.');
    expect(view.messages).toEqual([
      expect.objectContaining({
        channel: 'whatsapp',
        template: 'abertura_chamado',
        status: 'read',
        recipient: '+5519*****5432',
        error: null,
      }),
    ]);
    const [greeting] = received(MARIA) as { text?: string; templateName: string }[];
    expect(greeting?.templateName).toBe('abertura_chamado');
    expect(greeting?.text).toContain(
      `Olá, Maria Aparecida de Souza! Recebemos sua solicitação e abrimos o chamado nº ${created.body.protocol}.`,
    );
    expect(greeting?.text).toContain(`${created.body.trackingUrl}?c=w`);
  });

  it('records exactly "Não possui telefone para envio de mensagem" and sends nothing without a valid mobile', async () => {
    const before = m.simulator.store.phones().length;
    await m.put('OS-101', record({ customer: { name: 'Sem Celular', phones: ['(19) 3232-1100', 'não tem'] } }));
    const view = await m.get('OS-101');
    expect(view.timeline.map((e: { text: string }) => e.text)).toContain(NO_PHONE_TEXT);
    expect(view.timeline.filter((e: { text: string }) => e.text === NO_PHONE_TEXT)).toHaveLength(1);
    expect(view.messages).toEqual([
      expect.objectContaining({ status: 'not_sent', recipient: null, error: NO_PHONE_TEXT }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(m.simulator.store.phones().length).toBe(before);
    // The same event again adds nothing.
    await m.put('OS-101', record({ customer: { name: 'Sem Celular', phones: ['(19) 3232-1100', 'não tem'] } }));
    expect((await m.get('OS-101')).timeline).toHaveLength(view.timeline.length);
  });

  it('sends the completion with the survey link on close, and never twice for one trigger', async () => {
    const phone = '+5511976543210';
    const open = record({ customer: { name: 'Ana Beatriz Rocha', phones: ['(11) 97654-3210'] } });
    const { body: ticket } = await m.put('OS-102', open);
    await m.waitFor('OS-102', (v) => v.messages[0]?.status === 'read');
    const closed = { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-23T16:05:52-03:00' };
    await m.put('OS-102', closed);
    const view = await m.waitFor('OS-102', (v) => v.messages[1]?.status === 'read');
    expect(view.messages.map((x: { template: string }) => x.template)).toEqual([
      'abertura_chamado',
      'encerramento_chamado',
    ]);
    const messages = received(phone) as { text?: string }[];
    expect(messages).toHaveLength(2);
    expect(messages[1]?.text).toContain(`Seu chamado nº ${ticket.protocol} foi concluído.`);
    expect(messages[1]?.text).toContain(ticket.trackingUrl.replace('/t/', '/s/'));

    // Replays of either event, and a status that maps to the same task, send nothing more.
    await m.put('OS-102', open);
    await m.put('OS-102', closed);
    await m.put('OS-102', { ...closed, status: 'finalizada e conferida', occurredAt: '2026-11-23T17:00:00-03:00' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received(phone)).toHaveLength(2);
    expect((await m.get('OS-102')).messages).toHaveLength(2);
  });

  it('does not send the greeting again when the ticket comes back to the opening task', async () => {
    const phone = '+5531991112222';
    const base = record({ customer: { name: 'Carlos', phones: ['(31) 99111-2222'] } });
    await m.put('OS-103', base);
    await m.waitFor('OS-103', (v) => v.messages[0]?.status === 'read');
    await m.put('OS-103', { ...base, status: 'aguardando peça', occurredAt: '2026-11-21T10:00:00-03:00' });
    await m.put('OS-103', { ...base, status: 'em análise', occurredAt: '2026-11-22T10:00:00-03:00' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const view = await m.get('OS-103');
    expect(types(view).filter((t) => t === 'task_entered')).toHaveLength(3);
    expect(types(view)).toContain('team_notified');
    expect(received(phone)).toHaveLength(1);
  });

  it('marks a number that is not on WhatsApp and says so on the timeline', async () => {
    const phone = '+5521987654321';
    await fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(phone)}/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'not_on_whatsapp' }),
    });
    await m.put('OS-104', record({ customer: { name: 'João', phones: ['(21) 98765-4321'] } }));
    const view = await m.waitFor('OS-104', (v) => v.messages[0]?.status === 'failed');
    expect(view.messages[0].error).toMatch(/131026/);
    expect(view.timeline.map((e: { text: string }) => e.text)).toContain(NO_PHONE_TEXT);
    const known = await m.database.db
      .selectFrom('phone_statuses')
      .selectAll()
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(known.not_whatsapp_at).not.toBeNull();
    // The next message to this customer is not attempted.
    await m.put('OS-105', record({ customer: { name: 'João', phones: ['(21) 98765-4321'] } }));
    expect((await m.get('OS-105')).messages[0]).toMatchObject({ status: 'not_sent', error: NO_PHONE_TEXT });
  });

  it('stops messaging a customer who answers SAIR', async () => {
    const phone = '+5585999112233';
    await m.put('OS-106', record({ customer: { name: 'Fernanda', phones: ['(85) 99911-2233'] } }));
    await m.waitFor('OS-106', (v) => v.messages[0]?.status === 'read');
    const reply = await fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(phone)}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Sair' }),
    });
    expect(reply.status).toBeLessThan(400);
    const view = await m.waitFor('OS-106', (v) => types(v).includes('customer_opted_out'));
    expect(view.timeline.map((e: { text: string }) => e.text)).toContain('Cliente respondeu pelo WhatsApp: “Sair”');
    await m.put(
      'OS-106',
      record({
        state: 'closed',
        occurredAt: '2026-11-25T10:00:00Z',
        customer: { name: 'Fernanda', phones: ['(85) 99911-2233'] },
      }),
    );
    const closed = await m.get('OS-106');
    expect(closed.messages[1]).toMatchObject({ template: 'encerramento_chamado', status: 'not_sent' });
    expect(closed.messages[1].error).toMatch(/não receber/);
  });

  it('refuses a webhook with a bad signature (401) and changes nothing', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'x',
          changes: [{ field: 'messages', value: { metadata: { phone_number_id: 'sim-demo' }, statuses: [] } }],
        },
      ],
    });
    const wrong = createHmac('sha256', 'not the secret').update(body).digest('hex');
    const response = await fetch(`${m.baseUrl}/webhooks/whatsapp/cloud`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${wrong}` },
      body,
    });
    expect(response.status).toBe(401);
    const right = createHmac('sha256', simulatorSecrets(Buffer.alloc(32, 7)).appSecret)
      .update(body)
      .digest('hex');
    const ok = await fetch(`${m.baseUrl}/webhooks/whatsapp/cloud`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${right}` },
      body,
    });
    expect(ok.status).toBe(200);
  });

  it("answers Meta's verify handshake only with the account's verify token", async () => {
    const token = simulatorSecrets(Buffer.alloc(32, 7)).verifyToken;
    const ok = await fetch(
      `${m.baseUrl}/webhooks/whatsapp/cloud?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('42');
    const bad = await fetch(
      `${m.baseUrl}/webhooks/whatsapp/cloud?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`,
    );
    expect(bad.status).toBe(403);
  });

  it('queues nothing when the ticket change rolls back', async () => {
    const { applyRecord } = await import('../../src/ingest/apply-record.js');
    const { normalizeRecord } = await import('../../src/ingest/normalize-record.js');
    const source = await m.database.db
      .selectFrom('sources')
      .select(['id', 'workspace_id'])
      .where('name', '=', 'erp')
      .executeTakeFirstOrThrow();
    const before = await m.database.db.selectFrom('messages').select('id').execute();
    await expect(
      m.database.db.transaction().execute(async (trx) => {
        const result = await applyRecord(
          trx,
          { engine: m.database.engine, publicUrl: 'https://x' },
          { workspaceId: source.workspace_id, sourceId: source.id, sourceName: 'erp', criticalStatuses: new Set() },
          'OS-ROLLBACK',
          normalizeRecord(record({ customer: { name: 'X', phones: ['(11) 91234-5678'] } }) as never),
        );
        expect(result.queued).toBe(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const after = await m.database.db.selectFrom('messages').select('id').execute();
    expect(after).toHaveLength(before.length);
  });
});
