// The refusals of the playground: a clear message for the user, and a code for tests and the UI.
// Thrown before anything is started.
export type PlaygroundErrorCode =
  | 'empty-command'
  | 'not-found'
  | 'bad-cwd'
  | 'file-missing'
  | 'no-interpreter'
  | 'unknown-run'
  | 'not-running'
  | 'spawn-failed'
  | 'unsupervised'
  | 'input-full'
  | 'too-many-runs';

export class PlaygroundError extends Error {
  constructor(
    readonly code: PlaygroundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlaygroundError';
  }
}
