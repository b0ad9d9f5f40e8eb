import { useEffect, useRef } from 'react';

/** Keeps a native <dialog> shown as a modal while `open` (focus trap, Escape and backdrop come from the browser). */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
