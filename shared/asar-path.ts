// A packaged app keeps its files in resources/app.asar, an archive only Electron's own fs (and
// Electron run as Node) can read. Files another program opens (python3, sh, the lesson programs
// started as children) are unpacked by electron-builder (asarUnpack) to app.asar.unpacked: this
// maps a path inside the archive to that folder. Pure string work on both separators, so it runs
// anywhere (and lives in shared/, which is unpacked along with the lesson runtime that uses it).

const INSIDE_ASAR = /([\\/])app\.asar(?=[\\/]|$)/g;

/** Pure: `p` with every `app.asar` path segment replaced by `app.asar.unpacked`; other paths unchanged. */
export function outsideAsar(p: string): string {
  return p.replace(INSIDE_ASAR, '$1app.asar.unpacked');
}
