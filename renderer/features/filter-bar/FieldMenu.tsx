/**
 * The details tree's context menu for a field: "Apply as Filter" (filter the lane to frames with this
 * value now) and "Prepare as Filter" (put it in the lane's filter bar to edit first), as Wireshark's.
 */
import { useEffect } from 'react';
import './filter-bar.css';

export interface FieldMenuProps {
  readonly x: number;
  readonly y: number;
  /** The filter the field gives; null when it has no filterable name (the items are disabled). */
  readonly filter: string | null;
  onChoose(filter: string, apply: boolean): void;
  onClose(): void;
}

export function FieldMenu({ x, y, filter, onChoose, onClose }: FieldMenuProps) {
  useEffect(() => {
    const close = () => onClose();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  const choose = (apply: boolean) => {
    if (filter) onChoose(filter, apply);
    onClose();
  };
  return (
    <ul
      className="fb-list fb-menu"
      role="menu"
      data-testid="field-menu"
      style={{ position: 'fixed', left: x, top: y, minWidth: 180 }}
    >
      {(
        [
          ['Apply as Filter', true],
          ['Prepare as Filter', false],
        ] as const
      ).map(([label, apply]) => (
        <li
          key={label}
          role="menuitem"
          aria-disabled={filter === null}
          title={filter ?? 'This field cannot be filtered on'}
          onMouseDown={(event) => {
            event.stopPropagation();
            choose(apply);
          }}
        >
          <span>{label}</span>
        </li>
      ))}
    </ul>
  );
}
