// The states lesson's live state diagram (SVG): running, ready, blocked (sleeping), stopped,
// zombie and ended, with the arrows between them; the worker's current state lights up and the
// arrow it just took is drawn bold.
import type { DiagramState } from './lesson-watch.js';
import { useStrings } from '../i18n/i18n-context.js';
import { LESSON_STRINGS, type LessonStringKey } from '../i18n/lesson-strings.js';

interface NodeDef {
  id: DiagramState;
  x: number;
  y: number;
  letter: string;
}

const W = 112;
const H = 46;
const NODES: NodeDef[] = [
  { id: 'ready', x: 80, y: 62, letter: 'R' },
  { id: 'running', x: 290, y: 62, letter: 'R' },
  { id: 'zombie', x: 580, y: 62, letter: 'Z' },
  { id: 'blocked', x: 185, y: 196, letter: 'S' },
  { id: 'stopped', x: 420, y: 196, letter: 'T' },
  { id: 'ended', x: 580, y: 196, letter: '' },
];

interface EdgeDef {
  from: DiagramState;
  to: DiagramState;
  d: string;
  label: LessonStringKey;
  lx: number;
  ly: number;
  anchor?: 'start' | 'middle' | 'end';
}

const EDGES: EdgeDef[] = [
  { from: 'ready', to: 'running', d: 'M137,52 L232,52', label: 'arrow.schedule', lx: 185, ly: 44 },
  { from: 'running', to: 'ready', d: 'M233,74 L138,74', label: 'arrow.preempt', lx: 185, ly: 92 },
  { from: 'running', to: 'blocked', d: 'M262,86 L214,172', label: 'arrow.wait', lx: 246, ly: 134, anchor: 'start' },
  { from: 'blocked', to: 'ready', d: 'M160,172 L104,86', label: 'arrow.wake', lx: 122, ly: 134, anchor: 'end' },
  { from: 'running', to: 'stopped', d: 'M318,86 L392,172', label: 'arrow.sigstop', lx: 362, ly: 122, anchor: 'start' },
  { from: 'blocked', to: 'stopped', d: 'M242,196 L363,196', label: 'arrow.sigstop', lx: 302, ly: 188 },
  { from: 'stopped', to: 'ready', d: 'M420,220 Q420,252 380,252 L40,252 Q20,252 20,220 L20,110 Q20,90 40,86', label: 'arrow.sigcont', lx: 230, ly: 246 },
  { from: 'running', to: 'zombie', d: 'M347,62 L523,62', label: 'arrow.exit', lx: 435, ly: 54 },
  { from: 'zombie', to: 'ended', d: 'M580,86 L580,172', label: 'arrow.reap', lx: 590, ly: 132, anchor: 'start' },
];

interface Props {
  current: DiagramState | null;
  previous: DiagramState | null;
}

export function StateDiagram({ current, previous }: Props) {
  const t = useStrings(LESSON_STRINGS);
  const subtitle = (id: DiagramState) => (id === 'blocked' ? t('state.blockedSub') : null);
  return (
    <svg className="state-diagram" viewBox="0 0 720 266" role="img" aria-label={t('states.title')} data-testid="state-diagram" data-current={current ?? ''}>
      <defs>
        <marker id="sd-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="sd-head" />
        </marker>
        <marker id="sd-head-hot" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="sd-head hot" />
        </marker>
      </defs>
      {EDGES.map((e, i) => {
        const hot = e.from === previous && e.to === current;
        return (
          <g key={i} className={`sd-edge${hot ? ' hot' : ''}`}>
            <path d={e.d} markerEnd={`url(#${hot ? 'sd-head-hot' : 'sd-head'})`} />
            <text x={e.lx} y={e.ly} textAnchor={e.anchor ?? 'middle'}>{t(e.label)}</text>
          </g>
        );
      })}
      {NODES.map((n) => {
        const on = n.id === current;
        return (
          <g key={n.id} className={`sd-node sd-${n.id}${on ? ' on' : ''}`} data-testid={`state-node-${n.id}`} data-active={String(on)}>
            {on && <rect className="sd-glow" x={n.x - W / 2 - 5} y={n.y - H / 2 - 5} width={W + 10} height={H + 10} rx={14} />}
            <rect x={n.x - W / 2} y={n.y - H / 2} width={W} height={H} rx={10} />
            <text x={n.x} y={subtitle(n.id) ? n.y - 2 : n.y + 4} className="sd-name" textAnchor="middle">
              {t(`state.${n.id}`)}
              {n.letter && <tspan className="sd-letter"> {n.letter}</tspan>}
            </text>
            {subtitle(n.id) && (
              <text x={n.x} y={n.y + 14} className="sd-sub" textAnchor="middle">{subtitle(n.id)}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
