import { Field } from '../../components/form-field';
import { Link } from '../../routing/link';
import { paths } from '../../routing/router';
import { t } from '../../strings';
import type { DraftTask, Variable, WhatsappTemplate } from './types';
import { defaultBinding, variableLabel, variableOptions } from './variable-options';

interface Props {
  task: DraftTask;
  /** "tasks[2]": the prefix of the server's field names for this task. */
  field: string;
  templates: readonly WhatsappTemplate[];
  variables: readonly Variable[];
  fieldError(field: string): string | undefined;
  onChange(patch: Partial<DraftTask>): void;
}

/** "Enviar WhatsApp via Plinx": which template, and which ticket data fills each of its variables. */
export function WhatsappAction({ task, field, templates, variables, fieldError, onChange }: Props) {
  const p = t.procedures;
  const template = templates.find((candidate) => candidate.id === task.templateId);

  const chooseTemplate = (value: string) => {
    const next = templates.find((candidate) => candidate.id === Number(value));
    // Bindings of placeholders the new template does not have are dropped.
    const keep = new Set([...(next?.placeholders ?? []), ...(next?.buttonUrl ? ['button'] : [])]);
    const bindings = Object.fromEntries(Object.entries(task.bindings).filter(([placeholder]) => keep.has(placeholder)));
    onChange({ templateId: next ? next.id : null, bindings });
  };
  const bind = (placeholder: string, variable: string) => {
    const bindings = { ...task.bindings };
    if (variable) bindings[placeholder] = variable;
    else delete bindings[placeholder];
    onChange({ bindings });
  };
  const options = variableOptions(variables, Object.values(task.bindings));

  return (
    <div className="action-detail">
      <Field
        label={p.template}
        error={fieldError(`${field}.templateId`)}
        hint={
          templates.length === 0 ? (
            <>
              {p.noTemplates} <Link href={paths.settings('templates')}>{p.templatesLink}</Link>
            </>
          ) : undefined
        }
      >
        <select value={task.templateId ?? ''} onChange={(event) => chooseTemplate(event.target.value)}>
          <option value="">{p.chooseTemplate}</option>
          {templates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {p.templateOption(candidate.name, candidate.language, p.templateStatus(candidate.status))}
            </option>
          ))}
        </select>
      </Field>
      {template && template.status !== 'APPROVED' ? (
        <p className="alert alert-warning alert-compact" data-testid="template-not-approved">
          {p.notApproved(p.templateStatus(template.status))}
        </p>
      ) : null}
      {template && (template.placeholders.length > 0 || template.buttonUrl) ? (
        <fieldset className="bindings">
          <legend>{p.bindings}</legend>
          <p className="hint">{p.bindingsHint}</p>
          <div className="bindings-grid">
            {template.placeholders.map((placeholder) => {
              const bound = task.bindings[placeholder] ?? '';
              const fallback = defaultBinding(template.placeholders, placeholder, variables);
              const unbound = !bound && !fallback;
              return (
                <Field
                  key={placeholder}
                  label={p.placeholder(placeholder)}
                  error={fieldError(`${field}.bindings.${placeholder}`)}
                  hint={unbound ? <span className="unbound-warning">{p.unboundWarning}</span> : undefined}
                  className={unbound ? 'is-unbound' : undefined}
                >
                  <select
                    value={bound}
                    title={bound ? variableLabel(variables, bound) : undefined}
                    onChange={(event) => bind(placeholder, event.target.value)}
                  >
                    <option value="">
                      {fallback ? p.defaultBinding(variableLabel(variables, fallback)) : p.unbound}
                    </option>
                    {options.map((option) => (
                      <option key={option.name} value={option.name}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </Field>
              );
            })}
            {template.buttonUrl ? (
              <Field label={p.buttonPlaceholder} error={fieldError(`${field}.bindings.button`)}>
                <select value={task.bindings.button ?? ''} onChange={(event) => bind('button', event.target.value)}>
                  <option value="">{p.buttonDefault}</option>
                  {options
                    .filter((option) => option.name.endsWith('_link'))
                    .map((option) => (
                      <option key={option.name} value={option.name}>
                        {option.label}
                      </option>
                    ))}
                </select>
              </Field>
            ) : null}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
