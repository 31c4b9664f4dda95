import { useId } from 'react';
import { t } from '../../strings';
import type { Variable } from './email-types';

/** The server's variables plus the ticket's four external fields (`field.<key>`). */
export function emailVariables(variables: readonly Variable[]): { ticket: Variable[]; fields: Variable[] } {
  const s = t.email;
  return {
    ticket: [...variables],
    fields: Object.entries(s.fieldLabels).map(([key, label]) => ({
      name: `field.${key}`,
      label: s.fieldVariable(label),
    })),
  };
}

interface Props {
  variables: readonly Variable[];
  /** The label of the field a click inserts into (the last one the supervisor was in). */
  targetLabel: string;
  onInsert(token: string): void;
}

/** Buttons that insert `{{name}}` where the cursor is, so nobody has to remember a variable's spelling. */
export function VariableChips({ variables, targetLabel, onInsert }: Props) {
  const s = t.email.editor;
  const id = useId();
  const groups = emailVariables(variables);
  const chips = (list: Variable[]) => (
    <ul className="email-variable-list">
      {list.map((variable) => (
        <li key={variable.name}>
          <button
            type="button"
            className="email-variable-chip"
            aria-describedby={`${id}-hint`}
            onClick={() => onInsert(`{{${variable.name}}}`)}
          >
            <code>{`{{${variable.name}}}`}</code>
            <span className="email-variable-label">{variable.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <aside className="email-variables" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{s.variablesTitle}</h4>
      <p className="hint" id={`${id}-hint`}>
        {s.variablesHint(targetLabel)}
      </p>
      {chips(groups.ticket)}
      <p className="email-variable-group">{s.fieldsGroup}</p>
      {chips(groups.fields)}
      <p className="hint">{s.otherFields}</p>
    </aside>
  );
}
