#!/usr/bin/env node
// The emulator's command line. Runs the compiled CLI (`npm run build:lib` writes dist/; the
// package's `prepare` script runs it on install from git).
import '../dist/emulator/cli.js';
