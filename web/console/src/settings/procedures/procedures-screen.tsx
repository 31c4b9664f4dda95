import { useCallback, useState } from 'react';
import { LoadError, Loading } from '../../components/load-state';
import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';
import { blankTask, draftOf } from './drafts';
import { ProcedureEditor } from './procedure-editor';
import { ProcedureList } from './procedure-list';
import { StatusRoutingCard } from './status-routing-card';
import type { DraftProcedure, Procedure } from './types';
import { useProcedureData } from './use-procedure-data';

/** Configurações > Procedimentos: tasks, their actions, and which source status leads to which task. */
export function ProceduresScreen() {
  const p = t.procedures;
  usePageTitle(p.title);
  const { data, error, reload, putProcedure, putSource } = useProcedureData();
  // 'new' while creating one; otherwise the id of the procedure being edited (the first, by default).
  const [selected, setSelected] = useState<number | 'new' | undefined>();
  const [draftSeed, setDraftSeed] = useState<DraftProcedure | undefined>();
  const [dirty, setDirty] = useState(false);
  // A new editor each time the supervisor picks a procedure (it starts from what was saved), but
  // not when a new procedure is created: the editor stays, with its "criado" notice.
  const [editorKey, setEditorKey] = useState(0);

  const current: number | 'new' | undefined =
    selected ?? (data && data.procedures.length > 0 ? data.procedures[0]!.id : data ? 'new' : undefined);
  const procedure = typeof current === 'number' ? data?.procedures.find((x) => x.id === current) : undefined;

  const choose = (next: number | 'new') => {
    if (next === current && next !== 'new') return;
    if (dirty && !window.confirm(p.discardChanges)) return;
    setDirty(false);
    setDraftSeed(next === 'new' ? { name: '', tasks: [blankTask()] } : undefined);
    setSelected(next);
    setEditorKey((key) => key + 1);
  };

  const onSaved = useCallback(
    (saved: Procedure) => {
      putProcedure(saved);
      setSelected(saved.id);
    },
    [putProcedure],
  );

  return (
    <div className="page page-procedures">
      <div className="page-header">
        <h1>{p.title}</h1>
      </div>
      <p className="muted procedures-intro">{p.intro}</p>
      <LoadError lead={p.loadError} error={error} onRetry={() => void reload()} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <ProcedureList
            procedures={data.procedures}
            current={current}
            creating={current === 'new'}
            onChoose={choose}
          />
          {current === 'new' || procedure ? (
            <ProcedureEditor
              key={editorKey}
              initial={procedure ? draftOf(procedure) : (draftSeed ?? { name: '', tasks: [blankTask()] })}
              data={data}
              onSaved={onSaved}
              onDirtyChange={setDirty}
            />
          ) : null}
          <StatusRoutingCard
            sources={data.sources}
            procedures={data.procedures}
            unsavedTasks={current === 'new' || dirty}
            onSaved={putSource}
          />
        </>
      )}
    </div>
  );
}
