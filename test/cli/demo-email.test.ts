import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from '../helpers/cli.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'cd'.repeat(32);
const PUBLIC_URL = 'https://ponte.example.com';

/** A port nobody listens on right now, for the simulator's SMTP inbox. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface InboxEmail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  at: number;
}

describe.each(ENGINES)('ponte demo + ponte start show the demo’s e-mails in the simulator on %s', (engine) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    env = {
      DATABASE_URL: database.url,
      PONTE_SECRET_KEY: SECRET,
      PUBLIC_URL,
      PONTE_SIMULATOR_SMTP_PORT: String(await freePort()),
    };
  });
  afterAll(async () => database?.drop());

  const demoWorkspace = () =>
    database.db.selectFrom('workspaces').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();

  it('sets up the e-mail channel, also on a demo workspace made before it, and only once', {
    timeout: 90_000,
  }, async () => {
    // A demo workspace as it was before the e-mail channel: the inbox off, nothing of e-mail.
    const before = await runCli(['demo'], { ...env, PONTE_SIMULATOR_SMTP_PORT: '0' });
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('caixa do simulador desligada');
    const { id } = await demoWorkspace();
    expect(await database.db.selectFrom('email_settings').selectAll().where('workspace_id', '=', id).execute()).toEqual(
      [],
    );

    for (let run = 0; run < 2; run++) {
      const result = await runCli(['demo'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`SMTP 127.0.0.1:${env.PONTE_SIMULATOR_SMTP_PORT}`);
    }
    const settings = await database.db
      .selectFrom('email_settings')
      .selectAll()
      .where('workspace_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: Number(env.PONTE_SIMULATOR_SMTP_PORT),
      security: 'none',
      username: null,
      password_secret: null,
      from_address: 'atendimento@demo.ponte.local',
      from_name: 'Assistência Técnica Demo',
    });
    const templates = await database.db
      .selectFrom('email_templates')
      .select(['id', 'name', 'text', 'html'])
      .where('workspace_id', '=', id)
      .orderBy('name')
      .execute();
    expect(templates.map((template) => template.name)).toEqual(['abertura_chamado', 'encerramento_chamado']);
    expect(templates[0]!.text).toContain('{{tracking_link}}');
    expect(templates[1]!.text).toContain('{{survey_link}}');
    const tasks = await database.db
      .selectFrom('procedure_tasks')
      .select(['name', 'email_fallback', 'send_email', 'email_template_id'])
      .where('workspace_id', '=', id)
      .orderBy('position')
      .execute();
    expect(tasks).toEqual([
      { name: 'Abertura', email_fallback: 1, send_email: 0, email_template_id: templates[0]!.id },
      { name: 'Em andamento', email_fallback: 0, send_email: 0, email_template_id: null },
      { name: 'Encerramento', email_fallback: 1, send_email: 0, email_template_id: templates[1]!.id },
    ]);
  });

  it('a record with an e-mail and no mobile gets the greeting and, once closed, the survey link by e-mail', {
    timeout: 120_000,
  }, async () => {
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code).toBe(0);
    const { apiKey } = JSON.parse(demo.stdout) as { apiKey: string };
    const server = await startServer(env);
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    const address = 'carla.dias@example.com.br';
    try {
      const put = async (body: unknown) => {
        const response = await fetch(`${server.baseUrl}/api/v1/sources/erp/records/OS-EMAIL-1`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBeLessThan(300);
        return (await response.json()) as { trackingUrl: string; protocol: string };
      };
      const record = {
        state: 'open',
        status: 'em análise',
        occurredAt: '2026-11-20T09:41:07-03:00',
        customer: { name: 'Carla Dias', phones: ['(19) 3232-1100'], email: address },
        fields: { processNumber: 'PROC-9001' },
      };
      const ticket = await put(record);
      expect(ticket.trackingUrl).toMatch(new RegExp(`^${PUBLIC_URL}/t/`));
      await put({ ...record, state: 'closed', status: 'finalizada', occurredAt: '2026-11-21T10:00:00-03:00' });

      const token = ticket.trackingUrl.slice(`${PUBLIC_URL}/t/`.length);
      const surveyUrl = `${PUBLIC_URL}/s/${token}?c=e`;
      let emails: InboxEmail[] = [];
      const deadline = Date.now() + 30_000;
      for (;;) {
        const response = await fetch(`${server.baseUrl}/simulator/emails`);
        expect(response.status).toBe(200);
        const inbox = (await response.json()) as { smtp: { listening: boolean; port: number }; emails: InboxEmail[] };
        expect(inbox.smtp).toEqual({ listening: true, host: '127.0.0.1', port: Number(env.PONTE_SIMULATOR_SMTP_PORT) });
        emails = inbox.emails.filter((email) => email.to.includes(address));
        if (emails.length >= 2 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Newest first: the completion, then the greeting.
      expect(emails.map((email) => email.subject)).toEqual([
        `Chamado nº ${ticket.protocol} concluído: conte como foi`,
        `Recebemos sua solicitação: chamado nº ${ticket.protocol}`,
      ]);
      const [completion, greeting] = emails as [InboxEmail, InboxEmail];
      expect(completion.from).toBe('Assistência Técnica Demo <atendimento@demo.ponte.local>');
      expect(completion.text).toContain(`Conte como foi o atendimento, leva menos de um minuto: ${surveyUrl}`);
      expect(completion.html).toContain(`<a href="${surveyUrl}">responder à pesquisa</a>`);
      expect(greeting.text).toContain(`${PUBLIC_URL}/t/${token}?c=e`);

      const page = await fetch(`${server.baseUrl}/simulator/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h2 id="emails-title">E-mails</h2>');
      expect(html).toContain(`Chamado nº ${ticket.protocol} concluído: conte como foi`);
      expect(html).toContain(address);
      expect(html).toContain(`<a href="${surveyUrl}" target="_blank" rel="noopener noreferrer">${surveyUrl}</a>`);
      expect(html).toContain(`sandbox="" srcdoc="&lt;p&gt;Olá, Carla Dias!&lt;/p&gt;`);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const logs = server.logs();
    expect(logs).toContain(`caixa SMTP em 127.0.0.1:${env.PONTE_SIMULATOR_SMTP_PORT}`);
    expect(logs).toContain('simulador: e-mail recebido');
    expect(logs).not.toContain(address);
    expect(logs).not.toContain('jose.silva@');
  });
});

describe('PONTE_SIMULATOR_SMTP_PORT', () => {
  it.each(['abc', '70000', '25.5'])('"%s" stops the process with one line naming the variable', async (value) => {
    const result = await runCli(['migrate'], {
      DATABASE_URL: 'sqlite::memory:',
      PONTE_SECRET_KEY: SECRET,
      PONTE_SIMULATOR_SMTP_PORT: value,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ponte: PONTE_SIMULATOR_SMTP_PORT: expected an integer from 0 \(off\) to 65535/);
  });
});
