import { CopyButton } from '../../components/copy-button';
import { t } from '../../strings';
import type { SourceView } from './source-types';

/** A record as the fixed contract describes it, small enough to read in a command line. */
const EXAMPLE_RECORD = {
  state: 'open',
  status: 'em análise',
  occurredAt: '2026-11-20T09:41:07-03:00',
  customer: { name: 'Maria Aparecida de Souza', phones: ['(19) 99876-5432'], email: 'maria@example.com.br' },
  fields: {
    processNumber: 'PROC-118274',
    issuedAt: '20/11/2026',
    productDescription: 'Geladeira Frost Free 400L Inox',
    problem: 'Não gela na parte de baixo',
  },
};

/**
 * The address an integrator calls, as a curl command to copy. The key is read from an environment
 * variable rather than pasted into the command, so it does not end up in the shell's history.
 */
export function curlExample(origin: string, source: string): string {
  const url = `${origin}/api/v1/sources/${encodeURIComponent(source)}/records/OS-1234`;
  // Single quotes around the JSON: the shell leaves it alone (the example has no apostrophes).
  return [
    `curl -X PUT '${url}' \\`,
    `  -H "Authorization: Bearer $PONTE_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(EXAMPLE_RECORD)}'`,
  ].join('\n');
}

export function IngestEndpoint({ source }: { source: SourceView }) {
  const s = t.integrations;
  const origin = window.location.origin;
  const curl = curlExample(origin, source.name);
  const rawUrl = `${origin}/api/v1/sources/${encodeURIComponent(source.name)}/events`;
  return (
    <section className="card" aria-labelledby="endpoint-title">
      <h3 id="endpoint-title">{s.endpointTitle}</h3>
      <p className="muted">{s.endpointIntro}</p>
      <div className="code-header">
        <span className="code-label" id="curl-label">
          {s.curlLabel}
        </span>
        <CopyButton text={curl} what={s.curlWhat} />
      </div>
      <pre className="code-block">
        <code>{curl}</code>
      </pre>
      {source.mapping !== null ? (
        <p className="endpoint-raw">
          {s.endpointRaw} <code>POST {rawUrl}</code>
        </p>
      ) : null}
    </section>
  );
}
