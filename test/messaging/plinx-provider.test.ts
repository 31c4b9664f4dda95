import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudProvider } from '../../src/messaging/providers/cloud/cloud-provider.js';
import { createPlinxProvider, PLINX_WIRE } from '../../src/messaging/providers/plinx/plinx-provider.js';
import type { PlinxCredentials, WhatsAppProvider } from '../../src/messaging/providers/provider.js';
import { type Harness, startHarness, waitFor, webhooksFor } from '../simulator/simulator-harness.js';

/**
 * Plinx differs from Meta only where PLINX_WIRE says so. The simulator, told to expect Plinx's
 * token and to sign with Plinx's header, stands in for Plinx's Cloud-API-compatible proxy.
 */
describe('Plinx provider against the simulator imitating Plinx', () => {
  let h: Harness;
  let credentials: PlinxCredentials;
  let plinx: WhatsAppProvider;

  beforeAll(async () => {
    h = await startHarness({ accessToken: 'plinx-token', signatureHeader: 'X-Plinx-Signature' });
    credentials = { ...h.credentials, kind: 'plinx', accessToken: 'plinx-token' };
    plinx = createPlinxProvider(credentials);
  });
  afterAll(async () => h?.close());

  it('sends with its token and verifies webhooks signed in its own header', async () => {
    expect(plinx.kind).toBe('plinx');
    const result = await plinx.send({
      messageId: 'msg-plinx-1',
      to: '+5519998765432',
      templateName: 'abertura_chamado',
      language: 'pt_BR',
      bodyParameters: [{ text: 'Ana' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await waitFor(() => webhooksFor(h.receiver, result.providerMessageId).length === 3);
    const webhooks = webhooksFor(h.receiver, result.providerMessageId);
    const cloud = createCloudProvider({ ...h.credentials, accessToken: 'plinx-token' });
    for (const webhook of webhooks) {
      expect(webhook.headers[PLINX_WIRE.signatureHeader]).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(webhook.headers['x-hub-signature-256']).toBeUndefined();
      expect(plinx.verifySignature(webhook.rawBody, webhook.headers)).toBe(true);
      // Meta's header is absent, so the Cloud provider refuses the same webhook.
      expect(cloud.verifySignature(webhook.rawBody, webhook.headers)).toBe(false);
    }
    expect(
      webhooks.flatMap((webhook) => plinx.parseWebhook(webhook.json).statuses.map((s) => [s.status, s.messageId])),
    ).toEqual([
      ['sent', 'msg-plinx-1'],
      ['delivered', 'msg-plinx-1'],
      ['read', 'msg-plinx-1'],
    ]);
  });

  it('is refused with another token, and needs a base URL', async () => {
    const wrong = createPlinxProvider({ ...credentials, accessToken: 'meta-token' });
    const result = await wrong.send({
      messageId: 'm',
      to: '+5519998765432',
      templateName: 't',
      language: 'pt_BR',
      bodyParameters: [],
    });
    expect(result).toMatchObject({ ok: false, retryable: false, code: '190', httpStatus: 401 });
    expect(() => createPlinxProvider({ ...credentials, baseUrl: '' })).toThrow(/URL base/);
  });

  it('lists templates through the same path layout', async () => {
    h.store.registerTemplate({ name: 'abertura_chamado', language: 'pt_BR', body: 'Olá {{1}}' });
    expect(await plinx.listTemplates()).toEqual([
      { name: 'abertura_chamado', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', body: 'Olá {{1}}' },
    ]);
  });
});
