import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCloudProvider } from '../../src/messaging/providers/cloud/cloud-provider.js';
import type { OutgoingTemplateMessage, WhatsAppProvider } from '../../src/messaging/providers/provider.js';
import { SimulatorStore } from '../../src/simulator/simulator-store.js';
import { type Harness, startHarness, waitFor, webhooksFor } from './simulator-harness.js';

const PHONE = '+5511987654321';
const DIGITS = PHONE.slice(1);

const survey = (overrides: Partial<OutgoingTemplateMessage> = {}): OutgoingTemplateMessage => ({
  messageId: 'msg-survey-1',
  to: PHONE,
  templateName: 'encerramento_chamado',
  language: 'pt_BR',
  bodyParameters: [{ text: 'José' }, { text: '20261127-000777' }, { text: 'https://ponte.example.com.br/s/abc' }],
  ...overrides,
});

describe('WhatsApp simulator', () => {
  let h: Harness;
  let provider: WhatsAppProvider;

  beforeAll(async () => {
    h = await startHarness();
    provider = createCloudProvider(h.credentials);
    h.store.registerTemplate({
      name: 'encerramento_chamado',
      language: 'pt_BR',
      body: 'Olá {{1}}! Seu chamado {{2}} foi concluído. Avalie o atendimento: {{3}}',
      buttons: [1, 2, 3, 4, 5].map((score) => ({ type: 'QUICK_REPLY' as const, text: String(score) })),
    });
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    h.store.clearPhones();
    h.receiver.received.length = 0;
  });

  const sendAndSettle = async (overrides: Partial<OutgoingTemplateMessage> = {}) => {
    const result = await provider.send(survey(overrides));
    if (!result.ok) throw new Error(`send failed: ${result.code}`);
    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length === 3);
    return result.providerMessageId;
  };
  const post = (path: string, body: unknown, method = 'POST') =>
    fetch(`${h.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const inboundWebhooks = () =>
    h.receiver.received.filter((webhook) => provider.parseWebhook(webhook.json).inbound.length > 0);

  it('posts a button reply as a signed inbound webhook quoting the last message', async () => {
    const wamid = await sendAndSettle();
    const response = await post(`/phones/${encodeURIComponent(PHONE)}/reply`, { buttonPayload: '5' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: expect.stringMatching(/^wamid\./), webhook: 'delivered' });

    const [webhook] = inboundWebhooks();
    if (!webhook) throw new Error('no inbound webhook');
    expect(provider.verifySignature(webhook.rawBody, webhook.headers)).toBe(true);
    expect(provider.parseWebhook(webhook.json).inbound).toEqual([
      {
        providerMessageId: expect.stringMatching(/^wamid\./),
        from: PHONE,
        at: expect.any(Number),
        text: '5',
        buttonPayload: '5',
        replyTo: wamid,
      },
    ]);
    // Meta's envelope, with the business number and the phone number id the send used.
    expect(webhook.json).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: { metadata: { phone_number_id: '1234567890' }, contacts: [{ wa_id: DIGITS }] },
            },
          ],
        },
      ],
    });
  });

  it('posts free text without context, or quoting the last message when asked', async () => {
    const wamid = await sendAndSettle();
    await post(`/phones/${DIGITS}/reply`, { text: 'Obrigado, ótimo atendimento' });
    await post(`/phones/${DIGITS}/reply`, { text: 'Sobre esta mensagem', replyToLast: true });
    const inbound = inboundWebhooks().flatMap((webhook) => provider.parseWebhook(webhook.json).inbound);
    expect(inbound).toEqual([
      expect.objectContaining({ text: 'Obrigado, ótimo atendimento', from: PHONE }),
      expect.objectContaining({ text: 'Sobre esta mensagem', replyTo: wamid }),
    ]);
    expect(inbound[0]).not.toHaveProperty('replyTo');
    expect(inbound[0]).not.toHaveProperty('buttonPayload');
    expect((await post(`/phones/${DIGITS}/reply`, {})).status).toBe(400);
  });

  it('signs the escaped-unicode text Meta sends, so only the raw bytes verify', async () => {
    await sendAndSettle();
    await post(`/phones/${DIGITS}/reply`, { text: 'Avaliação: ótimo 👍' });
    const [webhook] = inboundWebhooks();
    if (!webhook) throw new Error('no inbound webhook');
    const raw = webhook.rawBody.toString('utf8');
    expect(raw).toContain('Avalia\\u00e7\\u00e3o');
    expect(raw).not.toContain('ç');
    expect(provider.verifySignature(webhook.rawBody, webhook.headers)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(webhook.json));
    expect(provider.verifySignature(reserialised, webhook.headers)).toBe(false);
    expect(provider.parseWebhook(webhook.json).inbound[0]?.text).toBe('Avaliação: ótimo 👍');
  });

  it('renders the chat page with the message text, a clickable link, read ticks and the quick replies', async () => {
    await sendAndSettle();
    const page = await fetch(h.baseUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('Olá José! Seu chamado 20261127-000777 foi concluído.');
    expect(html).toContain('<a href="https://ponte.example.com.br/s/abc"');
    expect(html).toContain('class="tick read"');
    expect(html).toContain(`action="/simulator/phones/${DIGITS}/reply"`);
    expect(html).toContain('<button class="qr" name="quickReply" value="4">5</button>');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it('escapes whatever a message carries', async () => {
    h.store.registerTemplate({ name: 'livre', language: 'pt_BR', body: '{{1}}' });
    await sendAndSettle({ templateName: 'livre', bodyParameters: [{ text: '<script>alert(1)</script> "x"' }] });
    const html = await (await fetch(h.baseUrl)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('takes a quick reply from the HTML form without JavaScript and redirects back', async () => {
    const wamid = await sendAndSettle();
    const response = await fetch(`${h.baseUrl}/phones/${DIGITS}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=&quickReply=2',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/simulator/#p-${DIGITS}`);
    const [inbound] = inboundWebhooks().flatMap((webhook) => provider.parseWebhook(webhook.json).inbound);
    expect(inbound).toMatchObject({ text: '3', buttonPayload: '3', replyTo: wamid });
    expect(h.store.conversation(PHONE).at(-1)).toMatchObject({ direction: 'inbound', text: '3' });
  });

  it('sets scenarios through HTTP (JSON or form) and refuses unknown ones', async () => {
    const json = await post(`/phones/${DIGITS}/scenario`, { scenario: 'rate_limited', times: 2 }, 'PUT');
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ phone: PHONE, scenario: 'rate_limited', times: 2 });
    expect(h.store.scenarioOf(PHONE)).toEqual({ scenario: 'rate_limited', times: 2 });
    const form = await fetch(`${h.baseUrl}/phones/${DIGITS}/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=not_on_whatsapp',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(h.store.scenarioOf(PHONE).scenario).toBe('not_on_whatsapp');
    expect((await post(`/phones/${DIGITS}/scenario`, { scenario: 'explode' }, 'PUT')).status).toBe(400);
  });

  it('answers malformed sends the way Meta does', async () => {
    const send = (body: unknown, token = 'any-token') =>
      fetch(`${h.baseUrl}/v23.0/1234567890/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const missingProduct = await send({
      to: DIGITS,
      type: 'template',
      template: { name: 'x', language: { code: 'pt_BR' } },
    });
    expect(missingProduct.status).toBe(400);
    expect(await missingProduct.json()).toMatchObject({ error: { code: 100, type: 'OAuthException' } });
    const text = await send({ messaging_product: 'whatsapp', to: DIGITS, type: 'text', text: { body: 'oi' } });
    expect(await text.json()).toMatchObject({ error: { code: 131051 } });
    const noToken = await fetch(`${h.baseUrl}/v23.0/1234567890/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    const ok = await send({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+55 (11) 98765-4321`,
      type: 'template',
      template: {
        name: 'encerramento_chamado',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: ['a', 'b', 'c'].map((t) => ({ type: 'text', text: t })) }],
      },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+55 (11) 98765-4321', wa_id: DIGITS }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
  });

  it('can deliver statuses out of order and twice, as Meta may', async () => {
    h.store.setScenario(PHONE, { scenario: 'out_of_order' });
    const result = await provider.send(survey());
    if (!result.ok) throw new Error('send failed');
    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length === 4);
    const statuses = webhooksFor(h.receiver, result.providerMessageId).flatMap(
      (webhook) => provider.parseWebhook(webhook.json).statuses,
    );
    expect(statuses.map((status) => status.status)).toEqual(['read', 'sent', 'delivered', 'delivered']);
    expect(h.store.findOutbound(result.providerMessageId)?.status).toBe('read');
  });

  it('retries a webhook the receiver refused', async () => {
    h.receiver.failNext(1);
    const wamid = await sendAndSettle();
    expect(provider.parseWebhook(webhooksFor(h.receiver, wamid)[0]?.json).statuses[0]?.status).toBe('sent');
  });

  it('exposes what a phone received as JSON', async () => {
    await sendAndSettle();
    const response = await fetch(`${h.baseUrl}/phones/${DIGITS}/messages`);
    expect(await response.json()).toMatchObject({
      phone: PHONE,
      messages: [{ templateName: 'encerramento_chamado', status: 'read' }],
    });
    const list = await fetch(`${h.baseUrl}/phones`);
    expect(await list.json()).toMatchObject({ phones: [{ phone: PHONE, messageCount: 1 }] });
  });
});

describe('WhatsApp simulator shutdown', () => {
  it('closes promptly while a slow send is still waiting', async () => {
    const h = await startHarness({ slowMs: 30_000 });
    h.store.setScenario(PHONE, { scenario: 'slow' });
    const pending = createCloudProvider(h.credentials).send(survey());
    await waitFor(() => h.app.server.listening);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await h.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await pending).toMatchObject({ ok: false, retryable: true });
  });
});

describe('SimulatorStore bounds', () => {
  const outbound = (wamid: string) => ({
    direction: 'outbound' as const,
    wamid,
    phoneNumberId: '1',
    templateName: 't',
    language: 'pt_BR',
    parameters: [],
    quickReplies: [],
    at: Date.now(),
    status: 'accepted' as const,
  });

  it('keeps the last messages per phone and the most recently active phones', () => {
    const store = new SimulatorStore({ maxMessagesPerPhone: 2, maxPhones: 2 });
    for (const id of ['a', 'b', 'c']) store.recordOutbound('+5511900000001', outbound(id));
    expect(store.conversation('+5511900000001').map((item) => item.wamid)).toEqual(['b', 'c']);
    expect(store.findOutbound('a')).toBeUndefined();
    store.recordOutbound('+5511900000002', outbound('d'));
    store.recordOutbound('+5511900000001', outbound('e'));
    store.recordOutbound('+5511900000003', outbound('f'));
    expect(store.phones().map((phone) => phone.phone)).toEqual(['+5511900000003', '+5511900000001']);
    expect(store.findOutbound('d')).toBeUndefined();
  });

  it('never moves a status backwards', () => {
    const store = new SimulatorStore();
    store.recordOutbound('+5511900000001', outbound('w'));
    store.setStatus('w', 'read');
    store.setStatus('w', 'delivered');
    expect(store.findOutbound('w')?.status).toBe('read');
  });
});
