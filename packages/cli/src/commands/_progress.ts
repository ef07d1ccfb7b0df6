/**
 * Progress of long commands (`otai train`, `otai eval`) on stderr: a redrawn bar on a terminal, and
 * one plain line per stage otherwise, so CI logs and redirected output stay readable.
 */
import type { Io } from "../output.ts";

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
}

/** Where progress goes: `write` is raw (no newline added), `line` is a whole line. */
export interface ProgressSink {
  tty: boolean;
  write(text: string): void;
  line(text: string): void;
}

export interface Progress {
  update(event: ProgressEvent): void;
  /** Clears the bar (on a terminal) before the summary is printed. */
  finish(): void;
}

const WIDTH = 24;
const REDRAW_MS = 80;

/**
 * @example
 * const progress = createProgress(stderrSink(deps.io));
 * await trainModel(examples, { onProgress: progress.update });
 * progress.finish();
 */
export function createProgress(sink: ProgressSink, now: () => number = Date.now): Progress {
  let stage: string | undefined;
  let drawn = false;
  let last = Number.NEGATIVE_INFINITY;
  return {
    update(event) {
      const total = Math.max(0, event.total);
      const done = Math.min(Math.max(0, event.done), total);
      const complete = total > 0 && done >= total;
      if (!sink.tty) {
        // One line when a stage begins; a stage reported only at its end still gets its line.
        if (event.stage !== stage) sink.line(`${event.stage}…${total > 0 ? ` (${total})` : ""}`);
        stage = event.stage;
        return;
      }
      const changed = event.stage !== stage;
      stage = event.stage;
      if (!changed && !complete && now() - last < REDRAW_MS) return;
      last = now();
      const share = total === 0 ? 0 : done / total;
      const filled = Math.round(share * WIDTH);
      sink.write(
        `\r\x1b[2K${event.stage} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${Math.floor(share * 100)
          .toString()
          .padStart(3)}% ${done}/${total}`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) sink.write("\r\x1b[2K");
      drawn = false;
      stage = undefined;
    },
  };
}

/** Progress on the process's stderr: a bar when it is a terminal, otherwise lines through `io.err`. */
export function stderrSink(io: Io, tty: boolean = process.stderr.isTTY === true): ProgressSink {
  return { tty, write: (text) => process.stderr.write(text), line: (text) => io.err(text) };
}
