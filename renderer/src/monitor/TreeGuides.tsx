// The indentation of a tree row: one cell per level, drawing pstree's │ ├ └ as CSS lines,
// then the ▸/▾ toggle for a node with children.
import { memo } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { Guide } from './row-model.js';

interface Props {
  guides: readonly Guide[];
  hasChildren: boolean;
  collapsed: boolean;
  onToggle(): void;
}

export const TreeGuides = memo(function TreeGuides({ guides, hasChildren, collapsed, onToggle }: Props) {
  const { t } = useI18n();
  return (
    <span className="tree-guides" aria-hidden={!hasChildren}>
      {guides.map((g, i) => (
        <span key={i} className={`guide guide-${g}`} />
      ))}
      {hasChildren ? (
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={!collapsed}
          title={t(collapsed ? 'tree.expand' : 'tree.collapse')}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      ) : (
        <span className="tree-leaf" />
      )}
    </span>
  );
});
