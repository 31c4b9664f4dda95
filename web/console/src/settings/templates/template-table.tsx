import { Icon } from '../../components/icon';
import { formatDateTime } from '../../format';
import { t } from '../../strings';
import { TemplateStatusBadge } from './template-status-badge';
import type { TemplateView } from './template-types';

interface Props {
  templates: TemplateView[];
  /** The template open in the editor, marked in the list. */
  editingId: number | undefined;
  onEdit(template: TemplateView): void;
  onTest(template: TemplateView): void;
}

/** Every template of the workspace with its approval, category and language. */
export function TemplateTable({ templates, editingId, onEdit, onTest }: Props) {
  const s = t.templates;
  if (templates.length === 0) return <p className="muted templates-empty">{s.empty}</p>;
  return (
    <div className="templates-table-wrap">
      <table className="list-table templates-table">
        <caption className="visually-hidden">{s.listTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{s.columns.name}</th>
            <th scope="col">{s.columns.status}</th>
            <th scope="col">{s.columns.category}</th>
            <th scope="col">{s.columns.language}</th>
            <th scope="col">{s.columns.placeholders}</th>
            <th scope="col">
              <span className="visually-hidden">{s.columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((template) => (
            <tr
              key={template.id}
              data-template={template.name}
              className={template.id === editingId ? 'is-editing' : undefined}
            >
              <th scope="row">
                <code className="template-name">{template.name}</code>
                <p className="template-body-excerpt" title={template.body}>
                  {template.body}
                </p>
                {template.buttonUrl ? (
                  <p className="template-extra">
                    <Icon name="link" size={14} />
                    <span className="visually-hidden">{s.buttonLabel}</span>
                    <span className="template-button-url">{template.buttonUrl}</span>
                  </p>
                ) : null}
                {template.quickReplies.length > 0 ? (
                  <p className="template-extra">
                    <Icon name="message" size={14} />
                    <span className="visually-hidden">{s.quickRepliesLabel}</span>
                    {template.quickReplies.join(' · ')}
                  </p>
                ) : null}
              </th>
              <td>
                <TemplateStatusBadge status={template.status} />
                <p className="hint template-synced">
                  {template.syncedAt ? s.syncedAt(formatDateTime(template.syncedAt)) : s.neverSynced}
                </p>
              </td>
              <td>{s.categories[template.category] ?? template.category}</td>
              <td>
                {s.languages[template.language] ?? template.language}
                <p className="hint">
                  <code>{template.language}</code>
                </p>
              </td>
              <td className="templates-vars">
                {template.placeholders.length === 0 ? (
                  <span className="muted">{s.noPlaceholders}</span>
                ) : (
                  <span className="placeholder-list">
                    {template.placeholders.map((name) => (
                      <code key={name} className="placeholder-chip">{`{{${name}}}`}</code>
                    ))}
                  </span>
                )}
              </td>
              <td className="templates-actions">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={s.editLabel(template.name)}
                  onClick={() => onEdit(template)}
                >
                  <Icon name="edit" size={16} />
                  {s.edit}
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={s.testLabel(template.name)}
                  disabled={template.status !== 'APPROVED'}
                  onClick={() => onTest(template)}
                >
                  <Icon name="send" size={16} />
                  {s.testShort}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
