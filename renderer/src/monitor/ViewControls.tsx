// The toolbar's controls beside the column chooser: Expand all / Collapse all (tree view only) and
// the Follow toggle (like htop's F), with the note left when a followed process exits.
import { useI18n } from '../i18n/i18n-context.js';

interface Props {
  tree: boolean;
  onFoldAll(expand: boolean): void;
  following: boolean;
  canFollow: boolean;
  onToggleFollow(): void;
  /** Set once a followed process exited (cleared when following starts again). */
  endedNote: string | null;
}

export function ViewControls({ tree, onFoldAll, following, canFollow, onToggleFollow, endedNote }: Props) {
  const { t } = useI18n();
  return (
    <>
      {tree && (
        <>
          <button type="button" className="btn" data-testid="expand-all" title={t('tree.expandAllTitle')} onClick={() => onFoldAll(true)}>
            {t('tree.expandAll')}
          </button>
          <button type="button" className="btn" data-testid="collapse-all" title={t('tree.collapseAllTitle')} onClick={() => onFoldAll(false)}>
            {t('tree.collapseAll')}
          </button>
        </>
      )}
      <button
        type="button"
        className={`btn ${following ? 'primary' : ''}`}
        data-testid="follow"
        aria-pressed={following}
        disabled={!following && !canFollow}
        title={canFollow || following ? t('follow.title') : t('follow.noSelection')}
        onClick={onToggleFollow}
      >
        {t('follow.button')}
      </button>
      {endedNote && !following && (
        <span className="follow-note" data-testid="follow-ended" role="status">{endedNote}</span>
      )}
    </>
  );
}
