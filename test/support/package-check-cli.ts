// `npm run package:check`: the packaging check from the command line; exits 1 on any problem.
import { runPackageCheck } from './package-check.js';

runPackageCheck().then(
  (result) => {
    console.log(result.problems.length ? `package:check: ${result.problems.length} problem(s)` : 'package:check: ok');
    process.exit(result.problems.length ? 1 : 0);
  },
  (err: Error) => {
    console.error(`package:check: ${err.message}`);
    process.exit(1);
  },
);
