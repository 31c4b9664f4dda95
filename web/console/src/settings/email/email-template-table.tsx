import { Icon } from '../../components/icon';
import { formatDateTime } from '../../format';
import { t } from '../../strings';
import type { EmailTemplateView } from './email-types';

interface Props {
  templates: readonly EmailTemplateView[];
  /** The template open in the editor, marked in the list. */
  editingId: number | undefined;
  onEdit(template: EmailTemplateView): void;
}

/** The workspace's e-mail templates: name, subject and when each was last changed. */
export function EmailTemplateTable({ templates, editingId, onEdit }: Props) {
  const s = t.email;
  if (templates.length === 0) return <p className="muted email-templates-empty">{s.emptyTemplates}</p>;
  return (
    <div className="email-table-wrap">
      <table className="list-table email-table">
        <caption className="visually-hidden">{s.templatesTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{s.columns.name}</th>
            <th scope="col">{s.columns.subject}</th>
            <th scope="col">{s.columns.updatedAt}</th>
            <th scope="col">
              <span className="visually-hidden">{s.columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((template) => (
            <tr
              key={template.id}
              data-email-template={template.name}
              className={template.id === editingId ? 'is-editing' : undefined}
            >
              <th scope="row">{template.name}</th>
              <td>
                <span className="email-subject-cell">{template.subject}</span>
              </td>
              <td className="email-updated">{formatDateTime(template.updatedAt)}</td>
              <td className="email-actions">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={s.editLabel(template.name)}
                  onClick={() => onEdit(template)}
                >
                  <Icon name="edit" size={16} />
                  {s.edit}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
