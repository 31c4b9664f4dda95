import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { EmailInbox } from '../../src/simulator/email-inbox.js';
import { parseEmail } from '../../src/simulator/parse-email.js';
import { renderSimulatorPage } from '../../src/simulator/simulator-page.js';
import { SimulatorStore } from '../../src/simulator/simulator-store.js';

/** The bytes nodemailer would put on the wire, without sending them anywhere. */
async function compose(options: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(options);
  return info.message as Buffer;
}

const LONG_LINE = `Olá, José! Seu chamado nº 20261127-000777 foi concluído. Conte como foi o atendimento, leva menos de um minuto: https://ponte.example.com.br/s/AbC-123_xyz?c=e — obrigado por escolher a Assistência Técnica.`;

describe('parseEmail', () => {
  it('reads a nodemailer multipart/alternative message in quoted-printable with a UTF-8 subject', async () => {
    const raw = await compose({
      from: { name: 'Assistência Técnica Demo', address: 'atendimento@demo.ponte.local' },
      to: 'josé.silva@example.com.br',
      subject: 'Chamado nº 20261127-000777 concluído: conte como foi — avaliação rápida e sem cadastro',
      text: `${LONG_LINE}\n\nAté logo, equipe “Ponte”.`,
      html: `<p>${LONG_LINE}</p>\n<p><a href="https://ponte.example.com.br/s/AbC-123_xyz?c=e&amp;x=1">Responder</a></p>`,
      textEncoding: 'quoted-printable',
    });
    const wire = raw.toString('latin1');
    // What is being tested is really on the wire: parts, quoted-printable with soft breaks, encoded words.
    expect(wire).toMatch(/Content-Type: multipart\/alternative;/);
    expect(wire).toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(wire).toMatch(/=\r\n/);
    expect(wire).toMatch(/Subject: =\?UTF-8\?[QB]\?/);

    const email = parseEmail(raw);
    expect(email.subject).toBe(
      'Chamado nº 20261127-000777 concluído: conte como foi — avaliação rápida e sem cadastro',
    );
    expect(email.from).toBe('Assistência Técnica Demo <atendimento@demo.ponte.local>');
    expect(email.text).toBe(`${LONG_LINE}\n\nAté logo, equipe “Ponte”.`);
    expect(email.html).toBe(
      `<p>${LONG_LINE}</p>\n<p><a href="https://ponte.example.com.br/s/AbC-123_xyz?c=e&amp;x=1">Responder</a></p>`,
    );
    expect(email.headers['content-type']).toMatch(/^multipart\/alternative/);
  });

  it('reads base64 parts inside multipart/mixed and skips the attachment', async () => {
    const raw = await compose({
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'Ordem de serviço',
      text: 'Texto em base64: ação',
      html: '<p>HTML em base64: <b>ação</b></p>',
      textEncoding: 'base64',
      attachments: [{ filename: 'nota.txt', content: 'não é o corpo', contentType: 'text/plain' }],
    });
    expect(raw.toString('latin1')).toMatch(/multipart\/mixed/);
    const email = parseEmail(raw);
    expect(email.subject).toBe('Ordem de serviço');
    expect(email.text).toBe('Texto em base64: ação');
    expect(email.html).toBe('<p>HTML em base64: <b>ação</b></p>');
  });

  it('decodes an 8-bit ISO-8859-1 body and a Q-encoded Latin-1 subject; a message with no parts is its body', () => {
    const raw = Buffer.concat([
      Buffer.from(
        'From: =?ISO-8859-1?Q?Jo=E3o?= <joao@example.com>\r\nTo: x@example.com\r\nSubject: =?ISO-8859-1?Q?Aten=E7=E3o?=\r\n =?ISO-8859-1?Q?_agora?=\r\nContent-Type: text/plain; charset="ISO-8859-1"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
        'latin1',
      ),
      Buffer.from('Pe\u00e7a chegou.\r\n', 'latin1'),
    ]);
    const email = parseEmail(raw);
    expect(email.from).toBe('João <joao@example.com>');
    expect(email.subject).toBe('Atenção agora');
    expect(email.text).toBe('Peça chegou.');
    expect(email.html).toBe('');
  });
});

describe('EmailInbox', () => {
  let inbox: EmailInbox | undefined;
  afterEach(async () => inbox?.close());

  it('receives over real SMTP on 127.0.0.1 from any sender to any recipient, newest first, logging no address', async () => {
    inbox = new EmailInbox();
    const logs: string[] = [];
    const log = {
      info: (object: object, message: string) => logs.push(JSON.stringify({ ...object, message })),
      warn: (object: object, message: string) => logs.push(JSON.stringify({ ...object, message })),
    };
    const port = await inbox.listen(0, log);
    expect(inbox.port).toBe(port);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    for (const [index, to] of ['paula.souza@example.com.br', 'carlos@cliente.net'].entries()) {
      await transport.sendMail({
        from: { name: 'Assistência Técnica Demo', address: 'atendimento@demo.ponte.local' },
        to,
        subject: `Aviso ${index + 1}: ação necessária`,
        text: `Olá! https://ponte.example.com.br/t/x${index}?c=e`,
        html: `<p>Olá!</p>`,
      });
    }
    transport.close();
    const emails = inbox.list();
    expect(emails.map((email) => [email.id, email.to, email.subject])).toEqual([
      [2, ['carlos@cliente.net'], 'Aviso 2: ação necessária'],
      [1, ['paula.souza@example.com.br'], 'Aviso 1: ação necessária'],
    ]);
    expect(emails[1]).toMatchObject({
      from: 'Assistência Técnica Demo <atendimento@demo.ponte.local>',
      text: 'Olá! https://ponte.example.com.br/t/x0?c=e',
      html: '<p>Olá!</p>',
      at: expect.any(Number),
    });
    expect(logs).toHaveLength(2);
    expect(logs.join('\n')).toContain('example.com.br');
    expect(logs.join('\n')).not.toMatch(/[\w.]+@[\w.]+/);
  });

  it('keeps only the newest e-mails up to its limit', () => {
    inbox = new EmailInbox({ limit: 3 });
    for (let n = 1; n <= 5; n++) inbox.receive(`Subject: ${n}\r\n\r\ncorpo ${n}\r\n`, { rcptTo: ['a@b.c'] });
    expect(inbox.list().map((email) => email.subject)).toEqual(['5', '4', '3']);
  });
});

describe('the simulator page’s E-mails section', () => {
  it('shows the text with clickable http(s) links only and the HTML only inside a sandboxed srcdoc', () => {
    const inbox = new EmailInbox();
    inbox.receive(
      [
        'From: Loja <loja@example.com>',
        'Subject: <b>Oferta</b>',
        'Content-Type: multipart/alternative; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Responda: https://ponte.example.com.br/s/tok?c=e&x=1 ou javascript:alert(1) <script>alert(2)</script>',
        '--b1',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p onclick="alert(3)">Oi "você"</p><script>alert(4)</script><img src="https://tracker.example/p.gif">',
        '--b1--',
        '',
      ].join('\r\n'),
      { rcptTo: ['cliente@example.com.br'] },
      Date.UTC(2026, 10, 27, 13, 5),
    );
    const html = renderSimulatorPage({
      store: new SimulatorStore(),
      prefix: '/simulator',
      timeZone: 'America/Sao_Paulo',
      inbox,
    });
    expect(html).toContain('<h2 id="emails-title">E-mails</h2>');
    expect(html).toContain('<h3 id="e-1-s">&lt;b&gt;Oferta&lt;/b&gt;</h3>');
    expect(html).toContain('cliente@example.com.br');
    expect(html).toContain('27/11/2026, 10:05');
    expect(html).toContain(
      '<a href="https://ponte.example.com.br/s/tok?c=e&amp;x=1" target="_blank" rel="noopener noreferrer">',
    );
    expect(html).toContain('javascript:alert(1) &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain(
      'sandbox="" srcdoc="&lt;p onclick=&quot;alert(3)&quot;&gt;Oi &quot;você&quot;&lt;/p&gt;&lt;script&gt;alert(4)&lt;/script&gt;',
    );
    // Nothing of the e-mail is markup of the page itself.
    expect(html).not.toMatch(/<script>alert|<p onclick|<img src/);
    expect(html.match(/<iframe /g)).toHaveLength(1);
    expect(html).toContain('A caixa de e-mail do simulador está desligada');
  });
});
