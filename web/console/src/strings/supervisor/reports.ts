/** Relatórios. */
export const reportsStrings = {
  title: 'Relatórios',
};
