/**
 * A modal dialog: a backdrop, focus moved inside on open and given back on close, Tab kept inside,
 * Escape closes. Keys are handled on the dialog itself, not the window, so a prompt opened over it
 * (the web host's path prompt) handles its own Escape without closing this one.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './modal.css';

export interface ModalProps {
  readonly label: string;
  readonly testId?: string;
  readonly className?: string;
  onClose(): void;
  readonly children: ReactNode;
}

const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"], a[href]';

export function Modal({ label, testId, className, onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0] ?? root;
    first?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') keepFocusInside(event, dialog.current);
  };
  const content = (
    <div className="hh-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className={`hh-modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
  // On the body: a lane header clips what overflows it. (No document when rendered on the server in tests.)
  return typeof document === 'undefined' ? content : createPortal(content, document.body);
}

function focusables(root: HTMLElement | null): HTMLElement[] {
  return root ? [...root.querySelectorAll<HTMLElement>(FOCUSABLE)] : [];
}

function keepFocusInside(event: KeyboardEvent, root: HTMLElement | null): void {
  const all = focusables(root);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
