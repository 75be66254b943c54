// The icon for each kill action, so rows, menus and the details pane draw them alike.
import { IconContinue, IconInterrupt, IconKill, IconStop, IconTerminate, IconTree } from '../ui/icons.js';
import type { KillActionId } from './kill-actions.js';

export function ActionIcon({ id }: { id: KillActionId }) {
  switch (id) {
    case 'SIGTERM': return <IconTerminate />;
    case 'SIGKILL': return <IconKill />;
    case 'SIGINT': return <IconInterrupt />;
    case 'SIGSTOP': return <IconStop />;
    case 'SIGCONT': return <IconContinue />;
    case 'tree': return <IconTree />;
  }
}
