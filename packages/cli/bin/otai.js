#!/usr/bin/env node
// The bin stays plain JavaScript so npm can link it; the CLI itself is TypeScript run by Node's type stripping.
import { main } from "../src/main.ts";

// `otai plugins | head` closes the pipe early; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
