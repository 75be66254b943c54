// Clickable process chips ("bash 4242") used for the ancestor chain and the children list.
import type { ProcInfo } from '../../../shared/process.js';
import { showInvisible } from '../../../shared/visible-text.js';

interface Props {
  procs: readonly ProcInfo[];
  testIdPrefix: string;
  currentPid?: number;
  separator?: string;
  onSelect(pid: number): void;
}

export function ProcessChips({ procs, testIdPrefix, currentPid, separator, onSelect }: Props) {
  return (
    <ol className={`chips ${separator ? 'chain' : ''}`}>
      {procs.map((p, i) => (
        <li key={`${p.pid}:${p.startTime}`}>
          {separator && i > 0 && <span className="chain-sep" aria-hidden="true">{separator}</span>}
          <button
            type="button"
            className={`chip ${p.pid === currentPid ? 'current' : ''} ${p.state === 'Z' ? 'zombie' : ''}`}
            data-testid={`${testIdPrefix}-${p.pid}`}
            data-pid={p.pid}
            title={showInvisible(p.command)}
            aria-current={p.pid === currentPid ? 'true' : undefined}
            onClick={() => onSelect(p.pid)}
          >
            <span className="chip-name">{showInvisible(p.name)}</span>
            <span className="chip-pid">{p.pid}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
