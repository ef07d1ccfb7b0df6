/** @module @otai/cli: the `otai` command, callable in-process (tests use this). */
export { main, mainHelp } from "./main.ts";
export type { Io } from "./output.ts";
