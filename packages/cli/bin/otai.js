#!/usr/bin/env node
// The bin stays plain JavaScript so npm can link it; the CLI itself is TypeScript run by Node's type stripping.
import { main } from "../src/main.ts";

process.exitCode = await main(process.argv.slice(2));
