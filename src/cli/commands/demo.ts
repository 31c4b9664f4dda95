import { loadConfig } from '../../config.js';
import { seedDemoEmail } from '../../demo/demo-email.js';
import { seedDemoTickets } from '../../demo/demo-tickets.js';
import { DEMO, seedDemo } from '../../demo/seed-demo.js';
import { findWorkspaceBySlug } from '../../workspaces/repository.js';
import type { Output } from '../output.js';
import { withDatabase } from '../with-database.js';

export async function demoCommand(out: Output): Promise<void> {
  const config = loadConfig();
  const inboxPort = config.simulatorSmtpPort ?? 0;
  const { credentials, email } = await withDatabase(async (database) => {
    const seeded = await seedDemo(database.db, config.secretKey);
    // E-mails go to the simulator's inbox, unless it is turned off (PONTE_SIMULATOR_SMTP_PORT=0).
    const workspace = (await findWorkspaceBySlug(database.db, DEMO.slug))!;
    const email =
      inboxPort === 0 ? undefined : await seedDemoEmail(database.db, config.secretKey, workspace.id, inboxPort);
    // After the e-mail set-up: the sample customer with no mobile gets the greeting by e-mail.
    await seedDemoTickets(database, config.publicUrl);
    return { credentials: seeded, email };
  });
  const url = `${config.publicUrl}/app`;
  const base = `${config.publicUrl}/api/v1/sources/${credentials.source}`;
  const emailLines =
    email === undefined
      ? ['E-mail: caixa do simulador desligada (PONTE_SIMULATOR_SMTP_PORT=0); o canal de e-mail não foi configurado.']
      : email.smtpConfigured
        ? [
            `E-mail: enviado à caixa do simulador (SMTP 127.0.0.1:${inboxPort}); veja em ${config.publicUrl}/simulator`,
            '  (quem não tem WhatsApp recebe a abertura e o encerramento por e-mail)',
          ]
        : ['E-mail: o workspace já tem um servidor SMTP próprio; ele foi mantido.'];
  out.result(
    { ...credentials, url },
    [
      `Workspace de demonstração "${credentials.workspace}" pronto.`,
      `Console: ${url}`,
      `  e-mail: ${credentials.adminEmail}`,
      `  senha:  ${credentials.adminPassword}`,
      `Origem "${credentials.source}", chave de API (exibida só agora):`,
      `  ${credentials.apiKey}`,
      `WhatsApp: simulador em ${config.publicUrl}/simulator`,
      ...emailLines,
      '',
      'Experimente (com o servidor rodando: npm start):',
      `  curl -X PUT ${base}/records/OS-1234 \\`,
      `    -H 'Authorization: Bearer ${credentials.apiKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"state":"open","status":"em análise","occurredAt":"${new Date().toISOString()}","customer":{"name":"Maria Souza","phones":["(19) 99876-5432"]},"fields":{"processNumber":"PROC-1"}}'`,
      'Sem celular e com e-mail, a mensagem sai por e-mail:',
      `  curl -X PUT ${base}/records/OS-1235 \\`,
      `    -H 'Authorization: Bearer ${credentials.apiKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"state":"open","status":"em análise","occurredAt":"${new Date().toISOString()}","customer":{"name":"Carla Dias","phones":[],"email":"carla@example.com.br"},"fields":{"processNumber":"PROC-2"}}'`,
    ].join('\n'),
  );
}
