import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';

/** Configurações > Procedimentos: tasks, their actions, and which source status leads to which task. */
export function ProceduresScreen() {
  usePageTitle(t.procedures.title);
  return (
    <section>
      <h1>{t.procedures.title}</h1>
    </section>
  );
}
