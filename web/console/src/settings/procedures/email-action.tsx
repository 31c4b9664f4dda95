import { Field } from '../../components/form-field';
import { Switch } from '../../components/switch';
import { Link } from '../../routing/link';
import { paths } from '../../routing/router';
import { t } from '../../strings';
import type { DraftTask, EmailTemplate } from './types';

interface Props {
  task: DraftTask;
  field: string;
  emailTemplates: readonly EmailTemplate[];
  fieldError(field: string): string | undefined;
  onChange(patch: Partial<DraftTask>): void;
}

/** "Enviar e-mail" and its fallback ("usar e-mail quando não houver WhatsApp"), both with the e-mail template. */
export function EmailAction({ task, field, emailTemplates, fieldError, onChange }: Props) {
  const p = t.procedures;
  const needsTemplate = task.sendEmail || task.emailFallback;
  return (
    <div className="email-action">
      <Switch label={p.sendEmail} checked={task.sendEmail} onChange={(sendEmail) => onChange({ sendEmail })} />
      <Switch
        label={p.emailFallback}
        hint={p.emailFallbackHint}
        checked={task.emailFallback}
        onChange={(emailFallback) => onChange({ emailFallback })}
      />
      {needsTemplate ? (
        <div className="action-detail">
          <Field
            label={p.emailTemplate}
            error={fieldError(`${field}.emailTemplateId`)}
            hint={
              emailTemplates.length === 0 ? (
                <>
                  {p.noEmailTemplates} <Link href={paths.settings('email')}>{p.emailLink}</Link>
                </>
              ) : undefined
            }
          >
            <select
              value={task.emailTemplateId ?? ''}
              onChange={(event) =>
                onChange({ emailTemplateId: event.target.value ? Number(event.target.value) : null })
              }
            >
              <option value="">{p.chooseEmailTemplate}</option>
              {emailTemplates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
    </div>
  );
}
