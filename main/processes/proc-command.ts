// Turns /proc/PID/cmdline bytes into the command text ps prints in its COMMAND column. Pure.

const NUL = 0;
const SPACE = 0x20;
const QUESTION = 0x3f;
const DEL = 0x7f;

/** NUL-separated arguments → one line: NULs become spaces, other control bytes '?', like ps. */
export function decodeCmdline(raw: Uint8Array): string {
  let end = raw.length;
  // The last argument ends in a NUL; a process that rewrote its title may pad with NULs or spaces.
  while (end > 0 && (raw[end - 1] === NUL || raw[end - 1] === SPACE)) end--;
  const bytes = Buffer.from(raw.subarray(0, end));
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === NUL) bytes[i] = SPACE;
    else if (b < SPACE || b === DEL) bytes[i] = QUESTION;
  }
  return bytes.toString('utf8');
}

/**
 * The command as ps shows it: a zombie is "[name] <defunct>" (its memory, with the arguments,
 * is gone); a kernel thread, or any process with an empty command line, is "[name]".
 */
export function formatCommand(cmdline: string, comm: string, state: string, kernelThread: boolean): string {
  if (state === 'Z') return `[${comm}] <defunct>`;
  if (kernelThread || cmdline === '') return `[${comm}]`;
  return cmdline;
}
