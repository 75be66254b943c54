// The status line's message: what the last action did, coloured by outcome.
export type StatusKind = 'info' | 'ok' | 'error';

export interface StatusMessage {
  kind: StatusKind;
  text: string;
  /** performance.now() when set, so the same text twice still re-announces. */
  at: number;
}

export type SetStatus = (kind: StatusKind, text: string) => void;
