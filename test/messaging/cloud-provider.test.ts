import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/messaging/providers/cloud/classify-error.js';
import { createCloudProvider } from '../../src/messaging/providers/cloud/cloud-provider.js';
import type {
  OutgoingTemplateMessage,
  StatusUpdate,
  WhatsAppProvider,
} from '../../src/messaging/providers/provider.js';
import { type Harness, startHarness, waitFor, webhooksFor } from '../simulator/simulator-harness.js';

const PHONE = '+5519998765432';

function message(overrides: Partial<OutgoingTemplateMessage> = {}): OutgoingTemplateMessage {
  return {
    messageId: `msg-${Math.random().toString(36).slice(2)}`,
    to: PHONE,
    templateName: 'abertura_chamado',
    language: 'pt_BR',
    bodyParameters: [{ text: 'Maria' }, { text: '20261127-000123' }],
    urlButtonSuffix: 'tok123',
    ...overrides,
  };
}

describe('Cloud API provider against the simulator', () => {
  let h: Harness;
  let provider: WhatsAppProvider;

  beforeAll(async () => {
    h = await startHarness({ accessToken: 'simulator-access-token' });
    provider = createCloudProvider(h.credentials, { timeoutMs: 2_000 });
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    h.store.clearPhones();
    h.store.setOutage({ on: false });
    h.receiver.received.length = 0;
  });

  const statusesOf = (wamid: string): StatusUpdate[] =>
    webhooksFor(h.receiver, wamid).flatMap((webhook) => provider.parseWebhook(webhook.json).statuses);

  it('sends a template and gets signed sent → delivered → read webhooks carrying our message id', async () => {
    h.store.registerTemplate({
      name: 'abertura_chamado',
      language: 'pt_BR',
      body: 'Olá {{1}}, seu chamado {{2}} foi aberto.',
      buttons: [{ type: 'URL', text: 'Acompanhar', url: 'https://ponte.example.com.br/t/{{1}}' }],
    });
    const sent = message();
    const result = await provider.send(sent);
    expect(result).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
    if (!result.ok) return;

    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length === 3);
    for (const webhook of webhooksFor(h.receiver, result.providerMessageId)) {
      expect(webhook.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(provider.verifySignature(webhook.rawBody, webhook.headers)).toBe(true);
    }
    const statuses = statusesOf(result.providerMessageId);
    expect(statuses.map((status) => status.status)).toEqual(['sent', 'delivered', 'read']);
    for (const status of statuses) {
      expect(status).toMatchObject({
        providerMessageId: result.providerMessageId,
        messageId: sent.messageId,
        recipient: PHONE,
      });
      expect(Math.abs(status.at - Date.now())).toBeLessThan(10_000);
      expect(status.error).toBeUndefined();
    }

    const [received] = h.store.conversation(PHONE);
    expect(received).toMatchObject({
      direction: 'outbound',
      templateName: 'abertura_chamado',
      language: 'pt_BR',
      text: 'Olá Maria, seu chamado 20261127-000123 foi aberto.',
      urlButton: { text: 'Acompanhar', url: 'https://ponte.example.com.br/t/tok123' },
      callbackData: sent.messageId,
      status: 'read',
    });
  });

  it('sends named parameters with parameter_name', async () => {
    h.store.registerTemplate({
      name: 'nomeado',
      language: 'pt_BR',
      body: 'Oi {{customer_name}}, protocolo {{protocol}}.',
    });
    const result = await provider.send(
      message({
        templateName: 'nomeado',
        bodyParameters: [
          { name: 'protocol', text: 'P-1' },
          { name: 'customer_name', text: 'João' },
        ],
        urlButtonSuffix: undefined,
      }),
    );
    expect(result.ok).toBe(true);
    expect(h.store.conversation(PHONE)[0]).toMatchObject({ text: 'Oi João, protocolo P-1.' });
  });

  it('rejects an unknown template (132001) and a wrong parameter count (132000) as permanent', async () => {
    h.store.registerTemplate({ name: 'abertura_chamado', language: 'pt_BR', body: 'Olá {{1}}, chamado {{2}}.' });
    const unknown = await provider.send(message({ templateName: 'nao_existe' }));
    expect(unknown).toMatchObject({ ok: false, retryable: false, code: '132001', httpStatus: 404 });
    const wrongCount = await provider.send(message({ bodyParameters: [{ text: 'Maria' }] }));
    expect(wrongCount).toMatchObject({ ok: false, retryable: false, code: '132000', httpStatus: 400 });
    if (!wrongCount.ok) {
      expect(wrongCount.title).toContain('localizable_params');
      expect(JSON.parse(wrongCount.detail ?? '{}').error.code).toBe(132000);
    }
    const newline = await provider.send(message({ bodyParameters: [{ text: 'linha\noutra' }, { text: 'x' }] }));
    expect(newline).toMatchObject({ ok: false, retryable: false, code: '100' });
  });

  it('reports not_on_whatsapp asynchronously: accepted, then a failed webhook with 131026', async () => {
    h.store.setScenario(PHONE, { scenario: 'not_on_whatsapp' });
    const sent = message();
    const result = await provider.send(sent);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length === 1);
    expect(statusesOf(result.providerMessageId)).toEqual([
      expect.objectContaining({
        status: 'failed',
        messageId: sent.messageId,
        error: { code: '131026', title: 'Message undeliverable', notOnWhatsApp: true },
      }),
    ]);
  });

  it('maps the synchronous not_on_whatsapp to a permanent failure', async () => {
    h.store.setScenario(PHONE, { scenario: 'not_on_whatsapp_sync' });
    expect(await provider.send(message())).toMatchObject({
      ok: false,
      retryable: false,
      code: '131026',
      notOnWhatsApp: true,
      httpStatus: 400,
    });
  });

  it('maps rate limiting to retryable with Retry-After, then recovers when the scenario runs out', async () => {
    h.store.setScenario(PHONE, { scenario: 'rate_limited', times: 1 });
    const limited = await provider.send(message());
    expect(limited).toMatchObject({
      ok: false,
      retryable: true,
      code: '130429',
      httpStatus: 429,
      retryAfterMs: 1_000,
      title: 'Cloud API message throughput has been reached.',
    });
    expect((await provider.send(message())).ok).toBe(true);
  });

  it('maps a per-phone outage and the global outage to retryable failures', async () => {
    h.store.setScenario(PHONE, { scenario: 'outage' });
    expect(await provider.send(message())).toMatchObject({
      ok: false,
      retryable: true,
      code: '131016',
      httpStatus: 503,
    });

    h.store.setScenario(PHONE, { scenario: 'ok' });
    const outage = await fetch(`${h.baseUrl}/outage`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ on: true, status: 503 }),
    });
    expect(outage.status).toBe(200);
    expect(await provider.send(message())).toMatchObject({ ok: false, retryable: true, code: '2', httpStatus: 503 });
    await expect(provider.listTemplates()).rejects.toMatchObject({ code: '2', httpStatus: 503 });
    h.store.setOutage({ on: false });
    expect((await provider.send(message())).ok).toBe(true);
  });

  it('times out on a slow provider (retryable) although the simulator still accepts the message', async () => {
    h.store.setScenario(PHONE, { scenario: 'slow', delayMs: 600 });
    const impatient = createCloudProvider(h.credentials, { timeoutMs: 150 });
    const result = await impatient.send(message());
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'timeout' });
    // The ambiguous outcome a real provider produces: we gave up, it sent anyway.
    await waitFor(() => h.store.conversation(PHONE).length === 1);
  });

  it("reports the caller's abort and network failures as retryable", async () => {
    const controller = new AbortController();
    h.store.setScenario(PHONE, { scenario: 'slow', delayMs: 500 });
    const pending = provider.send(message(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, retryable: true, code: 'aborted' });

    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const unreachable = createCloudProvider({ ...h.credentials, baseUrl: `http://127.0.0.1:${closedPort}` });
    const failed = await unreachable.send(message());
    expect(failed).toMatchObject({ ok: false, retryable: true, code: 'network' });
    if (!failed.ok) expect(failed.detail).toContain('ECONNREFUSED');
  });

  it('treats a rejected token as permanent (190)', async () => {
    const wrongToken = createCloudProvider({ ...h.credentials, accessToken: 'expired' });
    expect(await wrongToken.send(message())).toMatchObject({
      ok: false,
      retryable: false,
      code: '190',
      httpStatus: 401,
    });
  });

  it('verifies signatures over the raw body only', async () => {
    const result = await provider.send(message());
    if (!result.ok) throw new Error('send failed');
    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length >= 1);
    const [webhook] = webhooksFor(h.receiver, result.providerMessageId);
    if (!webhook) throw new Error('no webhook');
    const tampered = Buffer.from(webhook.rawBody.toString('utf8').replace('"sent"', '"read"'));
    expect(provider.verifySignature(tampered, webhook.headers)).toBe(false);
    expect(provider.verifySignature(webhook.rawBody, {})).toBe(false);
    expect(provider.verifySignature(webhook.rawBody, { 'x-hub-signature-256': 'sha256=zz' })).toBe(false);
    expect(provider.verifySignature(webhook.rawBody, { 'x-hub-signature-256': 'md5=abc' })).toBe(false);
    const signature = webhook.headers['x-hub-signature-256'] as string;
    expect(provider.verifySignature(webhook.rawBody, { 'X-Hub-Signature-256': signature })).toBe(true);
    expect(provider.verifySignature(webhook.rawBody, { 'x-hub-signature-256': [signature, signature] })).toBe(false);
    const otherSecret = createCloudProvider({ ...h.credentials, appSecret: 'another-secret' });
    expect(otherSecret.verifySignature(webhook.rawBody, webhook.headers)).toBe(false);
  });

  it("answers Meta's verify handshake only with the right token", () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' };
    expect(provider.verifyHandshake(query)).toBe('1158201444');
    expect(provider.verifyHandshake({ ...query, 'hub.verify_token': 'wrong' })).toBeUndefined();
    expect(provider.verifyHandshake({ ...query, 'hub.mode': 'unsubscribe' })).toBeUndefined();
    expect(provider.verifyHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me' })).toBeUndefined();
  });

  it('lists templates across pages with their BODY text', async () => {
    for (let index = 0; index < 130; index++) {
      h.store.registerTemplate({ name: `modelo_${index}`, language: 'pt_BR', body: `Texto ${index} {{1}}` });
    }
    h.store.registerTemplate({
      name: 'pendente',
      language: 'en_US',
      body: 'Hi {{1}}',
      status: 'PENDING',
      category: 'MARKETING',
    });
    const templates = await provider.listTemplates();
    expect(templates.length).toBeGreaterThanOrEqual(131);
    expect(templates).toContainEqual({
      name: 'modelo_129',
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      body: 'Texto 129 {{1}}',
    });
    expect(templates).toContainEqual({
      name: 'pendente',
      language: 'en_US',
      status: 'PENDING',
      category: 'MARKETING',
      body: 'Hi {{1}}',
    });
  });

  it('parses inbound texts and button replies, and skips shapes it does not know without throwing', () => {
    const value = (v: unknown) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: v }] }],
    });
    expect(provider.parseWebhook(null)).toEqual({ statuses: [], inbound: [] });
    expect(provider.parseWebhook({ entry: 'x' })).toEqual({ statuses: [], inbound: [] });
    expect(provider.parseWebhook(value({ event: 'APPROVED', message_template_name: 'x' }))).toEqual({
      statuses: [],
      inbound: [],
    });
    const batch = provider.parseWebhook(
      value({
        statuses: [
          { id: 'wamid.A', status: 'played', timestamp: '1700000000', recipient_id: '5519' },
          { id: 'wamid.B', status: 'delivered', timestamp: 'never', recipient_id: '5519' },
          null,
          { id: 'wamid.C', status: 'read', timestamp: '1700000000', recipient_id: '5519998765432' },
        ],
        messages: [
          { from: '5519998765432', id: 'wamid.img', timestamp: '1700000001', type: 'image', image: { id: '1' } },
          { from: '5519998765432', id: 'wamid.t', timestamp: '1700000002', type: 'text', text: { body: 'Olá' } },
          {
            from: '5519998765432',
            id: 'wamid.i',
            timestamp: '1700000003',
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'nota_5', title: '5' } },
            context: { from: '5511900000000', id: 'wamid.C' },
          },
          'garbage',
        ],
      }),
    );
    expect(batch.statuses).toEqual([
      { providerMessageId: 'wamid.C', status: 'read', at: 1_700_000_000_000, recipient: '+5519998765432' },
    ]);
    expect(batch.inbound).toEqual([
      { providerMessageId: 'wamid.t', from: '+5519998765432', at: 1_700_000_002_000, text: 'Olá' },
      {
        providerMessageId: 'wamid.i',
        from: '+5519998765432',
        at: 1_700_000_003_000,
        text: '5',
        buttonPayload: 'nota_5',
        replyTo: 'wamid.C',
      },
    ]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
