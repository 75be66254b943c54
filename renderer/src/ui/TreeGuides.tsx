// The indentation of a tree row: one cell per level, drawing pstree's │ ├ └ as CSS lines (narrower
// past the first levels, the middle of very deep chains folded into "+N"), then the ▸/▾ toggle.
import { memo } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { indentParts, type Guide } from './tree-indent.js';

interface Props {
  guides: readonly Guide[];
  hasChildren: boolean;
  collapsed: boolean;
  onToggle(): void;
  /** False inside a row that is itself the keyboard stop (the table: ←/→ fold there). */
  focusable?: boolean;
}

export const TreeGuides = memo(function TreeGuides({ guides, hasChildren, collapsed, onToggle, focusable = true }: Props) {
  const { t } = useI18n();
  return (
    <span className="tree-guides" aria-hidden={!hasChildren}>
      {indentParts(guides).map((part, i) =>
        part.kind === 'more' ? (
          <span key={i} className="guide-more" title={t('tree.folded', { n: part.levels, depth: guides.length })}>
            +{part.levels}
          </span>
        ) : (
          <span key={i} className={`guide guide-${part.guide}${part.narrow ? ' narrow' : ''}`} />
        ),
      )}
      {hasChildren ? (
        <button
          type="button"
          className="tree-toggle"
          tabIndex={focusable ? undefined : -1}
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
