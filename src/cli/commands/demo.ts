import { loadConfig } from '../../config.js';
import { seedDemoTickets } from '../../demo/demo-tickets.js';
import { seedDemo } from '../../demo/seed-demo.js';
import type { Output } from '../output.js';
import { withDatabase } from '../with-database.js';

export async function demoCommand(out: Output): Promise<void> {
  const config = loadConfig();
  const credentials = await withDatabase(async (database) => {
    const seeded = await seedDemo(database.db, config.secretKey);
    await seedDemoTickets(database, config.publicUrl);
    return seeded;
  });
  const url = `${config.publicUrl}/app`;
  const base = `${config.publicUrl}/api/v1/sources/${credentials.source}`;
  out.result(
    { ...credentials, url },
    [
      `Workspace de demonstração "${credentials.workspace}" pronto.`,
      `Console: ${url}`,
      `  e-mail: ${credentials.adminEmail}`,
      `  senha:  ${credentials.adminPassword}`,
      `Origem "${credentials.source}", chave de API (exibida só agora):`,
      `  ${credentials.apiKey}`,
      '',
      'Experimente (com o servidor rodando: npm start):',
      `  curl -X PUT ${base}/records/OS-1234 \\`,
      `    -H 'Authorization: Bearer ${credentials.apiKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"state":"open","status":"em análise","occurredAt":"${new Date().toISOString()}","customer":{"name":"Maria Souza","phones":["(19) 99876-5432"]},"fields":{"processNumber":"PROC-1"}}'`,
    ].join('\n'),
  );
}
