// Whether this process is being ended (stopped, or its parent died). From then on the lesson's
// own code must not go on: a join() or sleep() that returns because the children were just
// terminated would otherwise run the lines after it (and print "the worker failed").
let ending = false;

export function markEnding(): void {
  ending = true;
}

export function isEnding(): boolean {
  return ending;
}

/** Never settles: parks the lesson's code while the process ends. */
export const parked = (): Promise<never> => new Promise(() => undefined);
