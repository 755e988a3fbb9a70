'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

/**
 * A button that asks before it acts. The native <dialog> (showModal) traps
 * focus, closes on Escape and returns focus to the trigger; confirming
 * submits a form to the given server action with the given hidden fields.
 */
export function ConfirmDialog({
  trigger,
  renderTrigger,
  triggerVariant = 'secondary',
  triggerLabel,
  title,
  children,
  confirmLabel,
  confirmVariant = 'danger',
  action,
  fields,
  pending,
}: {
  trigger?: ReactNode;
  /** A custom trigger (e.g. a switch); call `open` to ask. */
  renderTrigger?: (open: () => void) => ReactNode;
  triggerVariant?: Variant;
  /** Accessible name of the trigger when its text is not enough (e.g. "Revoke Okta"). */
  triggerLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: Variant;
  action: (formData: FormData) => void;
  fields: Record<string, string>;
  pending?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [isOpen, setOpen] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (isOpen && !d.open) d.showModal();
    if (!isOpen && d.open) d.close();
  }, [isOpen]);
  const open = () => setOpen(true);
  return (
    <>
      {renderTrigger ? (
        renderTrigger(open)
      ) : (
        <Button variant={triggerVariant} aria-label={triggerLabel} aria-haspopup="dialog" disabled={pending} onClick={open}>
          {trigger}
        </Button>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {isOpen ? (
          <form
            action={(formData) => {
              setOpen(false);
              action(formData);
            }}
            className="space-y-4 p-5"
          >
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-300">{children}</div>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" autoFocus onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" variant={confirmVariant}>
                {confirmLabel}
              </Button>
            </div>
          </form>
        ) : null}
      </dialog>
    </>
  );
}
