// V8 settings for the app's one long-running Node process (web mode; the Electron main process).
// V8's young generation grows to 16 MiB per semi-space (32 MiB resident once grown), a size meant
// for the allocation rate of busy servers. The monitor allocates little per tick (an unchanged
// process keeps its row), so 2 MiB semi-spaces keep some 25-30 MiB less resident for the same CPU
// (measured with `npm run bench`; figures in the README). V8 reads this size only when the process
// starts: it is given on the command line (package.json's start and web scripts, and the Electron
// launch in launcher/start.ts), not set from inside.
export const LONG_RUN_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
