// The lesson catalogue (docs/lesson-runtime.md, lessons 1 to 13), in teaching order.
import type { LessonDefinition } from '../observe/observation.js';
import { args } from './args.js';
import { concurrency } from './concurrency.js';
import { daemon } from './daemon.js';
import { daemonMany } from './daemon-many.js';
import { heartbeat } from './heartbeat.js';
import { heartbeatHealthy } from './heartbeat-healthy.js';
import { isolation } from './isolation.js';
import { join } from './join.js';
import { joinMany } from './join-many.js';
import { joinSerial } from './join-serial.js';
import { orphan } from './orphan.js';
import { pidPpid } from './pid-ppid.js';
import { states } from './states.js';
import { zombie } from './zombie.js';

export const LESSONS: readonly LessonDefinition[] = [
  pidPpid,
  args,
  isolation,
  concurrency,
  join,
  joinMany,
  joinSerial,
  daemon,
  daemonMany,
  heartbeat,
  heartbeatHealthy,
  zombie,
  orphan,
  states,
];

export function findLesson(id: string): LessonDefinition | undefined {
  return LESSONS.find((l) => l.id === id);
}
