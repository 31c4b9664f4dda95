import { Field } from '../../components/form-field';
import { Icon } from '../../components/icon';
import { Switch } from '../../components/switch';
import { t } from '../../strings';
import { ArrowIcon } from './arrow-icon';
import { EmailAction } from './email-action';
import type { DraftTask, EmailTemplate, Variable, WhatsappTemplate } from './types';
import { WhatsappAction } from './whatsapp-action';

interface Props {
  task: DraftTask;
  index: number;
  count: number;
  templates: readonly WhatsappTemplate[];
  variables: readonly Variable[];
  emailTemplates: readonly EmailTemplate[];
  previewing: boolean;
  fieldError(field: string): string | undefined;
  onChange(patch: Partial<DraftTask>): void;
  onMove(to: number): void;
  onRemove(): void;
  onPreview(): void;
}

/** One task of the procedure: its name, its place in the order, and the actions it runs when a ticket enters it. */
export function TaskCard(props: Props) {
  const { task, index, count, fieldError, onChange } = props;
  const p = t.procedures;
  const field = `tasks[${index}]`;
  const label = task.name.trim() || p.unnamed;
  return (
    <li className={`task-card${props.previewing ? ' is-previewing' : ''}`} data-task-key={task.key}>
      <fieldset>
        <legend className="visually-hidden">{p.taskLegend(index + 1, task.name.trim())}</legend>
        <div className="task-head">
          <span className="task-position" aria-hidden="true">
            {index + 1}
          </span>
          <Field label={p.taskName} error={fieldError(`${field}.name`)} className="task-name">
            <input value={task.name} maxLength={120} onChange={(event) => onChange({ name: event.target.value })} />
          </Field>
          <div className="task-tools">
            <button
              type="button"
              className="icon-button"
              aria-label={p.moveUp(label)}
              title={p.moveUp(label)}
              disabled={index === 0}
              data-move="up"
              onClick={() => props.onMove(index - 1)}
            >
              <ArrowIcon direction="up" />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={p.moveDown(label)}
              title={p.moveDown(label)}
              disabled={index === count - 1}
              data-move="down"
              onClick={() => props.onMove(index + 1)}
            >
              <ArrowIcon direction="down" />
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={p.remove(label)}
              title={p.remove(label)}
              onClick={props.onRemove}
            >
              <Icon name="close" size={16} />
            </button>
          </div>
        </div>
        <div className="task-actions">
          <p className="task-actions-title">{p.actions}</p>
          <div className="action-block">
            <div className="action-row">
              <Switch
                label={p.sendWhatsapp}
                checked={task.sendWhatsapp}
                onChange={(sendWhatsapp) => onChange({ sendWhatsapp })}
              />
              {task.sendWhatsapp ? (
                <button type="button" className="button button-secondary button-small" onClick={props.onPreview}>
                  {p.previewThis}
                </button>
              ) : null}
            </div>
            {task.sendWhatsapp ? (
              <WhatsappAction
                task={task}
                field={field}
                templates={props.templates}
                variables={props.variables}
                fieldError={fieldError}
                onChange={onChange}
              />
            ) : null}
          </div>
          <div className="action-block">
            <EmailAction
              task={task}
              field={field}
              emailTemplates={props.emailTemplates}
              fieldError={fieldError}
              onChange={onChange}
            />
          </div>
          <div className="action-block action-block-plain">
            <Switch
              label={p.notifyTeam}
              checked={task.notifyTeam}
              onChange={(notifyTeam) => onChange({ notifyTeam })}
            />
            <Switch
              label={p.closeTicket}
              checked={task.closeTicket}
              onChange={(closeTicket) => onChange({ closeTicket })}
            />
            <Switch
              label={p.resendOnReentry}
              hint={p.resendOnReentryHint}
              checked={task.resendOnReentry}
              onChange={(resendOnReentry) => onChange({ resendOnReentry })}
            />
          </div>
        </div>
      </fieldset>
    </li>
  );
}
