import { describe, expect, it } from 'vitest';
import { logoProblem, monogram, readableOn } from '../../src/portal/branding.js';
import { customerStage, publicEvents } from '../../src/portal/customer-status.js';
import { escapeHtml, html } from '../../src/portal/html.js';
import { channelFromQuery, channelQuery } from '../../src/portal/link-channel.js';
import { RateLimiter } from '../../src/portal/rate-limiter.js';
import { parsePeriod } from '../../src/reports/period.js';

describe('html', () => {
  it('escapes every interpolated value, joins arrays and keeps its own markup', () => {
    const name = `<b onclick="x">O'Brien & Cia</b>`;
    const items = ['<i>', 'ok'];
    expect(html`<p title="${name}">${items.map((i) => html`<li>${i}</li>`)}</p>`.value).toBe(
      '<p title="&lt;b onclick=&quot;x&quot;&gt;O&#39;Brien &amp; Cia&lt;/b&gt;"><li>&lt;i&gt;</li><li>ok</li></p>',
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(escapeHtml('"\'<>&')).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});

describe('channels on links', () => {
  it('reads w and e, and anything else as unknown', () => {
    expect(channelFromQuery('w')).toBe('whatsapp');
    expect(channelFromQuery('e')).toBe('email');
    for (const other of [undefined, '', 'W', 'x', ['w', 'e'], 'constructor', '__proto__']) {
      expect(channelFromQuery(other)).toBe('unknown');
    }
    expect(channelQuery('whatsapp')).toBe('?c=w');
    expect(channelQuery('unknown')).toBe('');
  });
});

describe('customer words', () => {
  const created = { type: 'ticket_created', data: null, created_at: 1 };
  const moved = {
    type: 'record_updated',
    data: JSON.stringify({ changes: { status: ['a', 'AGUARDANDO PEÇA'] } }),
    created_at: 2,
  };
  const fieldsOnly = { type: 'record_updated', data: JSON.stringify({ changes: { fields: ['x'] } }), created_at: 3 };
  const note = { type: 'internal_note', data: null, created_at: 4 };

  it('maps state and timeline to received, in progress and done', () => {
    expect(customerStage({ state: 'open' }, [created, fieldsOnly])).toBe('received');
    expect(customerStage({ state: 'open' }, [created, moved])).toBe('inProgress');
    expect(customerStage({ state: 'closed' }, [created])).toBe('done');
  });
  it('shows only public events, newest first, in plain words', () => {
    const events = publicEvents(
      [created, moved, fieldsOnly, note],
      [
        { channel: 'whatsapp', sent_at: 5, survey: false },
        { channel: 'email', sent_at: 6, survey: true },
      ],
    );
    expect(events).toEqual([
      { at: 6, title: 'Enviamos a pesquisa de satisfação por e-mail' },
      { at: 5, title: 'Enviamos uma mensagem para você pelo WhatsApp' },
      { at: 2, title: 'Andamento atualizado', detail: 'Aguardando peça' },
      { at: 1, title: 'Recebemos sua solicitação' },
    ]);
  });
});

describe('branding', () => {
  it('picks readable text on the brand colour, and a monogram', () => {
    expect(readableOn('#1d4ed8')).toBe('#ffffff');
    expect(readableOn('#facc15')).toBe('#111827');
    expect(monogram('Assistência Técnica Demo')).toBe('AT');
    expect(monogram('acme')).toBe('A');
  });
  it('accepts inline images and https logos only', () => {
    expect(logoProblem('data:image/png;base64,iVBORw0KGgo=')).toBeUndefined();
    expect(logoProblem('https://cdn.example.com/logo.svg')).toBeUndefined();
    expect(logoProblem('data:text/html;base64,PHNjcmlwdD4=')).toMatch(/imagem/);
    expect(logoProblem('javascript:alert(1)')).toMatch(/https/);
    expect(logoProblem(`data:image/png;base64,${'A'.repeat(20_000)}`)).toMatch(/até/);
  });
});

describe('rate limiter', () => {
  it('counts per key in windows, and says how long to wait', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 });
    expect([limiter.hit('a', 0), limiter.hit('a', 10), limiter.hit('a', 20), limiter.hit('b', 20)]).toEqual([
      0, 0, 980, 0,
    ]);
    expect(limiter.hit('a', 1_000)).toBe(0);
  });
  it('stays bounded', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000 }, 100);
    for (let i = 0; i < 1_000; i++) limiter.hit(`k${i}`, 0);
    expect(limiter.hit('k999', 0)).toBeGreaterThanOrEqual(0);
  });
});

describe('report periods', () => {
  const now = Date.parse('2026-11-27T02:00:00Z'); // still the 26th in Brasília
  it('defaults to the 30 days up to today in Brasília time, both ends included', () => {
    const p = parsePeriod(undefined, undefined, now);
    expect(p).toMatchObject({ from: '2026-10-28', to: '2026-11-26' });
    expect(new Date(p.fromMs).toISOString()).toBe('2026-10-28T03:00:00.000Z');
    expect(new Date(p.toMs).toISOString()).toBe('2026-11-27T03:00:00.000Z');
  });
  it('takes one day', () => {
    const p = parsePeriod('2026-11-01', '2026-11-01', now);
    expect(p.toMs - p.fromMs).toBe(86_400_000);
  });
});

describe('dates in Brasília time', () => {
  it('formats after and before the end of daylight saving time the same way Intl does', async () => {
    const { formatDateTime } = await import('../../src/portal/formatting.js');
    expect(formatDateTime(Date.parse('2026-11-27T02:05:00Z'))).toBe('26/11/2026 às 23:05');
    expect(formatDateTime(Date.parse('2018-12-01T12:00:00Z'))).toBe('01/12/2018 às 10:00'); // DST then: UTC−2
  });
});
