import { Icon } from '../../components/icon';
import { t } from '../../strings';
import type { Procedure } from './types';

interface Props {
  procedures: readonly Procedure[];
  current: number | 'new' | undefined;
  creating: boolean;
  onChoose(next: number | 'new'): void;
}

/** The workspace's procedures, one button each (the one being edited is marked), and "Novo procedimento". */
export function ProcedureList({ procedures, current, creating, onChoose }: Props) {
  const p = t.procedures;
  return (
    <nav className="procedure-list" aria-label={p.listLabel}>
      {procedures.length === 0 && !creating ? <p className="muted">{p.empty}</p> : null}
      <ul>
        {procedures.map((procedure) => (
          <li key={procedure.id}>
            <button
              type="button"
              className="procedure-chip"
              aria-current={procedure.id === current ? 'true' : undefined}
              onClick={() => onChoose(procedure.id)}
            >
              <span className="procedure-chip-name">{procedure.name}</span>
              <span className="procedure-chip-count">{p.taskCount(procedure.tasks.length)}</span>
            </button>
          </li>
        ))}
        {creating ? (
          <li>
            <span className="procedure-chip is-new" aria-current="true">
              <span className="procedure-chip-name">{p.newProcedureName}</span>
            </span>
          </li>
        ) : null}
      </ul>
      <button type="button" className="button button-secondary" onClick={() => onChoose('new')} disabled={creating}>
        <Icon name="plus" size={16} />
        {p.newProcedure}
      </button>
    </nav>
  );
}
