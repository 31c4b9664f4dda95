import { t } from '../../strings';
import type { Variable } from './types';

/**
 * What a placeholder can be bound to: the server's known variables, the ticket's four external
 * fields (`field.<key>`), and whatever the task already holds (e.g. another field a source sends).
 */
export function variableOptions(variables: readonly Variable[], current: readonly string[]): Variable[] {
  const p = t.procedures;
  const options: Variable[] = [
    ...variables,
    ...Object.entries(p.fieldLabels).map(([key, label]) => ({ name: `field.${key}`, label: p.fieldVariable(label) })),
  ];
  for (const name of current) {
    if (name && !options.some((option) => option.name === name)) {
      options.push({ name, label: name.startsWith('field.') ? p.fieldVariable(name.slice(6)) : name });
    }
  }
  return options;
}

export function variableLabel(variables: readonly Variable[], name: string): string {
  return variables.find((v) => v.name === name)?.label ?? name;
}

/** Named placeholders that are themselves a variable's name bind to it when left alone (as the server renders). */
export function defaultBinding(placeholders: readonly string[], placeholder: string, variables: readonly Variable[]) {
  const positional = placeholders.every((name) => /^\d+$/.test(name));
  return !positional && variables.some((v) => v.name === placeholder) ? placeholder : undefined;
}
