#!/usr/bin/env node
// `claimdesk` on PATH (npm link / npx claimdesk). Node >= 22.18 runs the TypeScript sources directly.
import '../src/cli/main.ts';
