// Web mode's handshake, shared by the server and the page: the page opens /api without any
// credential in the URL or a cookie, and its first message is {"auth": token}. The server answers
// a refusal or a shed connection by closing it with one of these codes and a reason in words.

/** The first message a web client sends: `{"auth": "<token>"}`. */
export interface WebAuthMessage {
  auth: string;
}

/** Longest first message read as a token (the token is 32 hex digits). */
export const WEB_AUTH_MAX_BYTES = 512;

export const WEB_CLOSE = {
  /** Wrong, missing or late token: the page shows how to get the right URL and does not retry. */
  unauthorised: 4401,
  /** The client left too much unread for too long; it may reconnect and gets a fresh snapshot. */
  notReading: 4008,
  /** The instance is at its connection cap (RFC 6455 "Try Again Later"). */
  tryAgainLater: 1013,
} as const;
