import { type RefObject, useEffect } from 'react';

/**
 * After a refused submit, the keyboard and the screen reader go to the first field marked invalid
 * (its error is tied to it with aria-describedby, so it is read with the field). `refusals` counts
 * refused submits, so each one moves the focus, even with the same error.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, refusals: number): void {
  useEffect(() => {
    if (refusals === 0) return;
    const field = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }, [container, refusals]);
}
