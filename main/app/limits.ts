// Every cap the app enforces on what clients may make it do, in one place, so a reviewer can see
// at a glance how much one instance will take on and the messages that name them stay consistent.

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
