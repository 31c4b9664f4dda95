import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { type PortalTestContext, setupPortal, tokenOf } from './portal-helpers.js';

const SECRET_NOTE = 'Cliente ameaçou ir ao Procon; oferecer desconto de 30%';

describe.each(ENGINES)('tracking page on %s', (engine) => {
  let p: PortalTestContext;
  beforeAll(async () => {
    p = await setupPortal(engine, { limits: { unknownLinksPerIp: { limit: 5, windowMs: 60_000 } } });
  });
  afterAll(async () => p?.close());

  const page = (url: string, ip = '10.0.0.1') => p.app.inject({ method: 'GET', url, remoteAddress: ip });

  it('shows the company, protocol, status in plain words, product and problem, with the public-page headers', async () => {
    const ticket = await p.put('OS-1');
    const response = await page(`/t/${tokenOf(ticket.trackingUrl)}?c=w`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('acme'); // the workspace's name
    expect(html).toContain(ticket.protocol);
    expect(html).toContain('Recebemos sua solicitação');
    expect(html).toContain('Geladeira Frost Free 400L Inox');
    expect(html).toContain('Não gela na parte de baixo');
    expect(html).toContain('Olá, Maria!');
    expect(html).toContain('Situação: Em análise');
    // The phone only masked; the e-mail and the full name's surname never.
    expect(html).toContain('+5519*****5432');
    expect(html).not.toMatch(/99876-?5432|5519998765432/);
    expect(html).not.toContain('maria@example.com.br');
    expect(html).not.toContain('Souza');
    // Fast on a slow phone: small, and nothing fetched from elsewhere.
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-robots-tag']).toContain('noindex');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[^']+' 'sha256-[^']+';/);
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('moves to "Em andamento" and then "Concluído" with the survey button, keeping the channel', async () => {
    const ticket = await p.put('OS-2');
    const token = tokenOf(ticket.trackingUrl);
    await p.put('OS-2', { status: 'AGUARDANDO PEÇA', occurredAt: '2026-11-21T10:00:00-03:00' });
    const moving = (await page(`/t/${token}?c=w`)).body;
    expect(moving).toContain('<h1>Em andamento</h1>');
    expect(moving).toContain('Situação: Aguardando peça');
    expect(moving).toContain('Andamento atualizado');
    await p.put('OS-2', { state: 'closed', status: 'finalizada', occurredAt: '2026-11-22T10:00:00-03:00' });
    const done = (await page(`/t/${token}?c=e`)).body;
    expect(done).toContain('<h1>Concluído</h1>');
    expect(done).toContain('Atendimento concluído');
    expect(done).toContain(`href="/s/${token}?c=e"`);
    expect(done).not.toContain('Situação:');
  });

  it("never shows internal notes, raw timeline texts, other fields or another customer's data", async () => {
    const mine = await p.put('OS-3', { fields: { productDescription: 'Fogão 5 bocas', costCenter: 'CC-9981-SIGILO' } });
    await p.put('OS-4', {
      customer: { name: 'Roberto Outro Cliente', phones: ['(11) 91234-5678'] },
      fields: { productDescription: 'Micro-ondas do Roberto' },
    });
    await p.database.db
      .insertInto('timeline_entries')
      .values({
        workspace_id: p.source.workspaceId,
        ticket_id: mine.id,
        type: 'internal_note',
        text: SECRET_NOTE,
        data: JSON.stringify({ author: 'agente' }),
        created_at: Date.now(),
      })
      .execute();
    const html = (await page(`/t/${tokenOf(mine.trackingUrl)}`)).body;
    expect(html).toContain('Fogão 5 bocas');
    expect(html).not.toContain('Procon');
    expect(html).not.toContain('CC-9981-SIGILO');
    expect(html).not.toContain('Roberto');
    expect(html).not.toContain('Micro-ondas');
    expect(html).not.toContain('91234');
    expect(html).not.toContain('origem'); // the console's "registro OS-3 da origem erp"
    expect(html).not.toContain('OS-3');
  });

  it('escapes whatever the ERP sends', async () => {
    const ticket = await p.put('OS-5', {
      customer: { name: '<script>alert(1)</script> Ana', phones: [] },
      fields: { problem: '"><img src=x onerror=alert(1)>' },
    });
    const html = (await page(`/t/${tokenOf(ticket.trackingUrl)}`)).body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('answers a friendly pt-BR 404 for unknown, malformed and revoked links, and 429 to a guesser', async () => {
    const unknown = await page('/t/AAAAAAAAAAAAAAAAAAAAAA', '10.0.0.2');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknown.body).toContain('Link não encontrado');
    expect(unknown.body).toContain('não existe ou foi desativado');
    expect((await page('/t/curto', '10.0.0.2')).statusCode).toBe(404);
    expect((await page('/t/%3Cscript%3E', '10.0.0.2')).statusCode).toBe(404);

    const ticket = await p.put('OS-6');
    const token = tokenOf(ticket.trackingUrl);
    const revoke = await p.supervisor.call('POST', `/api/v1/tickets/${ticket.id}/tracking-link/revoke`);
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ revoked: true, trackingUrl: null });
    const revoked = await page(`/t/${token}`, '10.0.0.3');
    expect(revoked.statusCode).toBe(404);
    expect(revoked.body).not.toContain('acme');
    expect((await page(`/s/${token}`, '10.0.0.3')).statusCode).toBe(404);

    for (let i = 0; i < 3; i++) await page(`/t/BBBBBBBBBBBBBBBBBBBBB${i}`, '10.0.0.2');
    const limited = await page('/t/CCCCCCCCCCCCCCCCCCCCCC', '10.0.0.2');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Muitas tentativas');
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('issues a new link on request: the old one stops, the new one works; only supervisors may', async () => {
    const ticket = await p.put('OS-7');
    const old = tokenOf(ticket.trackingUrl);
    const response = await p.supervisor.call('POST', `/api/v1/tickets/${ticket.id}/tracking-link/revoke?reissue=true`);
    expect(response.statusCode).toBe(200);
    const fresh = tokenOf(response.json().trackingUrl);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await page(`/t/${old}`, '10.0.0.4')).statusCode).toBe(404);
    expect((await page(`/t/${fresh}`, '10.0.0.4')).statusCode).toBe(200);
    const types = await p.database.db
      .selectFrom('timeline_entries')
      .select('type')
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(types.map((t) => t.type)).toContain('tracking_link_reissued');

    const anonymous = await p.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/tracking-link/revoke` });
    expect(anonymous.statusCode).toBe(401);
    const missing = await p.supervisor.call('POST', '/api/v1/tickets/999999/tracking-link/revoke');
    expect(missing.statusCode).toBe(404);
  });

  it("applies the workspace's colour, logo and texts", async () => {
    const logo = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    const saved = await p.supervisor.call('PUT', '/api/v1/portal/settings', {
      logoUrl: logo,
      brandColor: '#FACC15',
      csatQuestion: 'O que achou do nosso reparo?',
      commentQuestion: null,
      npsEnabled: true,
      npsQuestion: null,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings).toMatchObject({ brandColor: '#facc15', npsEnabled: true });
    const ticket = await p.put('OS-8');
    const html = (await page(`/t/${tokenOf(ticket.trackingUrl)}`)).body;
    expect(html).toContain('--brand:#facc15');
    expect(html).toContain('--on-brand:#111827'); // dark text on a light yellow
    expect(html).toContain(`src="${logo}"`);
    const bad = await p.supervisor.call('PUT', '/api/v1/portal/settings', {
      ...saved.json().settings,
      logoUrl: 'http://inseguro.example/logo.png',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('logoUrl');
    const badColor = await p.supervisor.call('PUT', '/api/v1/portal/settings', {
      ...saved.json().settings,
      brandColor: 'red;}</style>',
    });
    expect(badColor.statusCode).toBe(400);
    // An https logo is one request to its host: the CSP names that host only.
    await p.supervisor.call('PUT', '/api/v1/portal/settings', {
      ...saved.json().settings,
      logoUrl: 'https://cdn.acme.com.br/logo.png',
    });
    const withHttps = await page(`/t/${tokenOf(ticket.trackingUrl)}`);
    expect(String(withHttps.headers['content-security-policy'])).toContain('img-src data: https://cdn.acme.com.br;');
  });
});

describe('logs and the API document', () => {
  it('keep link tokens out of log lines', async () => {
    const { redactUrl } = await import('../../src/http/logging.js');
    expect(redactUrl('/t/AbCdEfGhIjKlMnOpQrStUv?c=w')).toBe('/t/[token]?c=w');
    expect(redactUrl('/s/AbCdEfGhIjKlMnOpQrStUv/obrigado?c=e')).toBe('/s/[token]/obrigado?c=e');
  });

  it('lists the customer pages, the revoke, settings and report routes in the OpenAPI document', async () => {
    const p = await setupPortal('sqlite');
    try {
      const paths = Object.keys((await p.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
      for (const path of [
        '/t/{token}',
        '/s/{token}',
        '/s/{token}/obrigado',
        '/api/v1/tickets/{id}/tracking-link/revoke',
        '/api/v1/portal/settings',
        '/api/v1/reports/summary',
        '/api/v1/reports/summary.csv',
      ]) {
        expect(paths).toContain(path);
      }
    } finally {
      await p.close();
    }
  });
});
