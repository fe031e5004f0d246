import { useEffect, useRef, type DependencyList, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

/**
 * Focus for an account dialog's answer: its fields are disabled while the request is out, so
 * focus can move only after the render that ends `submitting`. Set the returned flag just before
 * putting the answer in the state; `focus` then runs once, after that render. `deps`: what else
 * `focus` reads from the state.
 */
export function useFocusAfterAnswer(submitting: boolean, focus: () => void, deps: DependencyList = []): RefObject<boolean> {
  const focusAfterAnswer = useRef(false);
  useEffect(() => {
    if (submitting || !focusAfterAnswer.current) return;
    focusAfterAnswer.current = false;
    focus();
  }, [submitting, ...deps]);
  return focusAfterAnswer;
}

/**
 * The frame of the account dialogs (log in, change password): a non-modal panel holding one form,
 * with a title and a close button; Escape closes it too. `name` prefixes the ids and test ids:
 * `${name}-dialog`, `${name}-title`, `${name}-close`.
 */
export function AccountDialog({
  name,
  title,
  closeLabel,
  onClose,
  onSubmit,
  children,
}: {
  name: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="login-dialog panel" role="dialog" aria-modal="false" aria-labelledby={`${name}-title`} data-testid={`${name}-dialog`} onKeyDown={onKeyDown}>
      <form
        className="login-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <div className="login-head">
          <h2 id={`${name}-title`}>{title}</h2>
          <button type="button" className="quiet" data-testid={`${name}-close`} onClick={onClose} aria-label={closeLabel}>
            ×
          </button>
        </div>
        {children}
      </form>
    </div>
  );
}
