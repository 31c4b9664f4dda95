import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useApiResource } from '../../api/use-api-resource';
import { announce } from '../../components/announcer';
import { Icon } from '../../components/icon';
import { LoadState } from '../../components/load-state';
import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';
import { TemplateEditor } from './template-editor';
import { TemplateTable } from './template-table';
import type { TemplateList, TemplateView } from './template-types';
import { TestSendForm } from './test-send-form';

/** What the editor shows: nothing, a new template, or one of the list. */
type Editing = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; template: TemplateView };

/** Configurações > Modelos (HSM): the WhatsApp templates, their approval, sync and a test send. */
export function TemplatesScreen() {
  const s = t.templates;
  usePageTitle(s.title);
  const { data: list, error: loadError, reload: load } = useApiResource<TemplateList>('/api/v1/templates');
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [sync, setSync] = useState<{ busy: boolean; result?: { ok: boolean; text: string } }>({ busy: false });
  const [testId, setTestId] = useState<number | undefined>();
  const [testFocus, setTestFocus] = useState(0);

  const runSync = async () => {
    setSync({ busy: true });
    try {
      const result = await api.post<{ updated: number; added: number }>('/api/v1/templates/sync');
      const text = s.syncResult(result.updated, result.added);
      setSync({ busy: false, result: { ok: true, text } });
      announce(text);
      await load();
    } catch (caught) {
      setSync({ busy: false, result: { ok: false, text: errorMessage(caught) } });
    }
  };

  const saved = async (template: TemplateView) => {
    setEditing({ mode: 'closed' });
    await load();
    // Back to the row the supervisor was working on.
    setTimeout(
      () => document.querySelector<HTMLButtonElement>(`tr[data-template="${template.name}"] button`)?.focus(),
      0,
    );
  };

  const approved = list?.templates.filter((template) => template.status === 'APPROVED') ?? [];

  return (
    <div className="templates-screen">
      <div className="templates-header">
        <h1>{s.title}</h1>
        <div className="templates-header-actions">
          <button type="button" className="button button-secondary" onClick={() => void runSync()} disabled={sync.busy}>
            <Icon name="refresh" size={16} />
            {sync.busy ? s.syncing : s.sync}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'create' })}
            disabled={editing.mode === 'create'}
          >
            <Icon name="plus" size={16} />
            {s.newTemplate}
          </button>
        </div>
      </div>
      <p className="muted templates-intro">{s.intro}</p>
      {sync.result ? (
        <p
          className={`alert ${sync.result.ok ? 'alert-success' : 'alert-danger'}`}
          role={sync.result.ok ? 'status' : 'alert'}
        >
          {sync.result.text}
        </p>
      ) : null}
      {editing.mode !== 'closed' ? (
        <TemplateEditor
          key={editing.mode === 'edit' ? editing.template.id : 'new'}
          template={editing.mode === 'edit' ? editing.template : undefined}
          onSaved={(template) => void saved(template)}
          onCancel={() => setEditing({ mode: 'closed' })}
        />
      ) : null}
      <section className="card templates-list" aria-labelledby="templates-list-title">
        <h2 id="templates-list-title">{s.listTitle}</h2>
        <LoadState data={list} error={loadError} errorLead={s.loadError} onRetry={() => void load()} text={s.loading}>
          {({ templates }) => (
            <TemplateTable
              templates={templates}
              editingId={editing.mode === 'edit' ? editing.template.id : undefined}
              onEdit={(template) => setEditing({ mode: 'edit', template })}
              onTest={(template) => {
                setTestId(template.id);
                setTestFocus((n) => n + 1);
              }}
            />
          )}
        </LoadState>
      </section>
      {list ? (
        <TestSendForm templates={approved} selectedId={testId} onSelect={setTestId} focusRequest={testFocus} />
      ) : null}
    </div>
  );
}
