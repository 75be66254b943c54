// Every cap the app enforces on what clients may make it do, and every grace period it gives a
// program or a client before it ends it, in one place, so a reviewer can see at a glance how much
// one instance will take on and how long it waits, and the messages that name them stay consistent.
// (The lesson runtime, main/lessons/runtime/, runs inside the lesson's own processes and imports
// nothing of the app: the grace it gives a lesson's children is its own, lifecycle.ts.)

/** Playground programs running at once in one instance. */
export const MAX_CONCURRENT_PLAYGROUND_RUNS = 16;
/** Lesson runs at once in one instance (a lesson costs about 140 MiB). */
export const MAX_CONCURRENT_LESSON_RUNS = 4;
/** WebSocket connections web mode accepts at once. */
export const MAX_WEB_CONNECTIONS = 32;
/** A connection that has not authenticated by then is closed (it would hold an fd for nothing). */
export const UNAUTHENTICATED_TIMEOUT_MS = 10_000;
/** Bytes a web client may leave unread before it stops getting snapshots (it gets the newest on drain). */
export const CLIENT_BACKLOG_MAX_BYTES = 4 * 1024 * 1024;
/** A client stuck above that backlog for this long is closed with a reason. */
export const CLIENT_STUCK_CLOSE_MS = 30_000;
/** Input queued for one playground program that is not reading it. */
export const MAX_QUEUED_STDIN_BYTES = 1024 * 1024;
/**
 * A refused connection (over the cap, no token or a wrong one) gets this long to take its close frame, so the
 * client can read why; then its socket is dropped, so a peer that never reads holds no fd.
 */
export const REFUSED_CONNECTION_CLOSE_MS = 1000;

/**
 * Stop = SIGTERM to the whole tree, then SIGKILL to what is left after a grace period. A playground
 * program is the learner's own: 1 s, as a terminal's user would wait before kill -9. A lesson
 * program ends its own children on SIGTERM, as multiprocessing does for daemons, and prints
 * each end for the timeline: 2.5 s lets it finish that on a loaded machine.
 */
export const PLAYGROUND_STOP_GRACE_MS = 1000;
export const LESSON_STOP_GRACE_MS = 2500;

/**
 * procplay run: after Ctrl+C (SIGINT, passed on as a terminal does) the program may be cleaning up
 * as it would in a terminal: it gets 3 s to end by itself, about what a user waits before pressing
 * Ctrl+C again (a second Ctrl+C skips the wait); then SIGTERM, and SIGKILL after the playground's
 * grace.
 */
export const INTERRUPT_GRACE_MS = 3000;
/**
 * The watchdog, once the app is gone: SIGTERM, then SIGKILL after 500 ms. Nobody watches the
 * programs' output any more, so a short grace; long enough for a program's own SIGTERM handler
 * to tidy up, and short enough that the sweep ends well within the 3 s an app's shutdown waits
 * for it (supervisor.ts).
 */
export const WATCHDOG_STOP_GRACE_MS = 500;
