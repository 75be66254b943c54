// `node --import ./register.mjs boot.mjs APP_ROOT ...`: makes `import 'electron'` in the app (and
// only that bare specifier) load the stand-in, as Electron's runtime provides the module itself.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
