import { useCallback, useState } from 'react';
import { useApiResource } from '../../api/use-api-resource';
import { LoadError, Loading } from '../../components/load-state';
import { usePageTitle } from '../../components/use-page-title';
import { Link } from '../../routing/link';
import { navigate, paths, useLocation } from '../../routing/router';
import { t } from '../../strings';
import { NewSourceForm } from './new-source-form';
import { SourceDetail } from './source-detail';
import type { SourceView } from './source-types';

const sourceHref = (name: string) => `${paths.settings('integrations')}?origem=${encodeURIComponent(name)}`;

/** Configurações > Integrações: sources, their API keys, the field mapping and the last events received. */
export function IntegrationsScreen() {
  const s = t.integrations;
  usePageTitle(s.title);
  const { search } = useLocation();
  const {
    data,
    error: loadError,
    reload: load,
    setData,
  } = useApiResource<{ sources: SourceView[] }>('/api/v1/sources');
  const sources = data?.sources;
  // The key that came with a source just created: shown once, in that source's key panel.
  const [fresh, setFresh] = useState<{ source: string; apiKey: string } | undefined>();

  const wanted = search.get('origem');
  const selected = sources?.find((source) => source.name === wanted) ?? sources?.[0];

  const replace = useCallback(
    (next: SourceView) =>
      setData(
        (current) =>
          current && { sources: current.sources.map((source) => (source.name === next.name ? next : source)) },
      ),
    [setData],
  );

  return (
    <div className="page integrations">
      <div className="page-header">
        <h1>{s.title}</h1>
      </div>
      <p className="muted integrations-intro">{s.intro}</p>
      <LoadError lead={s.loadError} error={loadError} onRetry={() => void load()} />
      {sources === undefined && !loadError ? (
        <Loading announced />
      ) : sources ? (
        <div className="integrations-layout">
          <div className="integrations-sources">
            <section className="card" aria-labelledby="sources-title">
              <h2 id="sources-title">{s.sourcesTitle}</h2>
              {sources.length === 0 ? (
                <p className="muted">{s.noSources}</p>
              ) : (
                <nav aria-label={s.sourcesLabel}>
                  <ul className="source-list">
                    {sources.map((source) => (
                      <li key={source.id}>
                        <Link
                          href={sourceHref(source.name)}
                          aria-current={source.name === selected?.name ? 'true' : undefined}
                        >
                          <span className="source-name">{source.name}</span>
                          <span className="source-summary">
                            {s.sourceSummary(
                              source.keys.filter((key) => key.revokedAt === null).length,
                              source.mapping !== null,
                            )}
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
            </section>
            <NewSourceForm
              onCreated={(source, apiKey) => {
                setData((current) => ({
                  sources: [...(current?.sources ?? []), source].sort((a, b) => a.name.localeCompare(b.name)),
                }));
                setFresh({ source: source.name, apiKey });
                navigate(sourceHref(source.name));
              }}
            />
          </div>
          {selected ? (
            <SourceDetail
              key={selected.name}
              source={selected}
              freshKey={fresh?.source === selected.name ? fresh.apiKey : undefined}
              onFreshKeySeen={() => setFresh(undefined)}
              onChanged={replace}
              onReload={load}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
