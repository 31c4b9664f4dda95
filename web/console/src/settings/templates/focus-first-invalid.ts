import { type RefObject, useEffect } from 'react';

/**
 * After the server refused a form, the keyboard and the screen reader go to the first field it
 * named (its error is tied to it with aria-describedby, so it is read out with the field).
 * `refusals` counts the refused submits: each one moves the focus, even with the same error.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, refusals: number): void {
  useEffect(() => {
    if (refusals === 0) return;
    const field = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }, [form, refusals]);
}
