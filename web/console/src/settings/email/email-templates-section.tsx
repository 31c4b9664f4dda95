import { useState } from 'react';
import { useApiResource } from '../../api/use-api-resource';
import { Icon } from '../../components/icon';
import { LoadState } from '../../components/load-state';
import { Link } from '../../routing/link';
import { paths } from '../../routing/router';
import { t } from '../../strings';
import { EmailTemplateEditor } from './email-template-editor';
import { EmailTemplateTable } from './email-template-table';
import type { EmailTemplateList, EmailTemplateView } from './email-types';

/** What the editor shows: nothing, a new template, or one of the list. */
type Editing = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; template: EmailTemplateView };

/** "Modelos de e-mail": the list, the editor with its variables and the preview on a real ticket. */
export function EmailTemplatesSection() {
  const s = t.email;
  const { data: list, error: loadError, reload: load } = useApiResource<EmailTemplateList>('/api/v1/email-templates');
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });

  const saved = async (template: EmailTemplateView) => {
    setEditing({ mode: 'closed' });
    await load();
    // Back to the row the supervisor was working on.
    setTimeout(
      () =>
        document
          .querySelector<HTMLButtonElement>(`tr[data-email-template="${CSS.escape(template.name)}"] button`)
          ?.focus(),
      0,
    );
  };

  return (
    <section className="email-templates" aria-labelledby="email-templates-title">
      <div className="email-section-header">
        <h2 id="email-templates-title">{s.templatesTitle}</h2>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setEditing({ mode: 'create' })}
          disabled={editing.mode === 'create' || !list}
        >
          <Icon name="plus" size={16} />
          {s.newTemplate}
        </button>
      </div>
      <p className="muted email-section-intro">
        {s.templatesIntro} <Link href={paths.settings('procedures')}>{s.proceduresLink}</Link>
      </p>
      {editing.mode !== 'closed' && list ? (
        <EmailTemplateEditor
          key={editing.mode === 'edit' ? editing.template.id : 'new'}
          template={editing.mode === 'edit' ? editing.template : undefined}
          variables={list.variables}
          onSaved={(template) => void saved(template)}
          onCancel={() => setEditing({ mode: 'closed' })}
        />
      ) : null}
      <div className="card email-templates-list">
        <LoadState data={list} error={loadError} errorLead={s.loadError} onRetry={() => void load()} text={s.loading}>
          {({ templates }) => (
            <EmailTemplateTable
              templates={templates}
              editingId={editing.mode === 'edit' ? editing.template.id : undefined}
              onEdit={(template) => setEditing({ mode: 'edit', template })}
            />
          )}
        </LoadState>
      </div>
    </section>
  );
}
