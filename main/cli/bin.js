#!/usr/bin/env node
// The package's bin: runs the compiled CLI (npm install builds it into dist/).
import '../../dist/main/cli/procplay.js';
