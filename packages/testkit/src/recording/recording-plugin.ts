/**
 * @module recording/recording-plugin
 * A fake plugin for engine tests (not an adapter): a pipe that records each run, a service that
 * counts how often it is created and closed, and a classifier that returns whatever it is told to.
 */
import {
  type ClassificationResult,
  definePipe,
  definePlugin,
  defineService,
  PLUGIN_API_VERSION,
  success,
} from "@otai/core";
import { z } from "zod";

export interface Recorder {
  runs: { id: string; params: unknown }[];
  created: number;
  closed: number;
}

export function createRecorder(): Recorder {
  return { runs: [], created: 0, closed: 0 };
}

/**
 * @example
 * const recorder = createRecorder();
 * await runConfig(yaml, { plugins: [createRecordingPlugin(recorder)] });
 * recorder.runs.map((r) => r.id);
 */
export function createRecordingPlugin(recorder: Recorder, classifierOutput: () => unknown = () => undefined) {
  const RecordPipe = definePipe({
    kind: "pipe",
    name: "RecordPipe",
    params: z
      .object({ value: z.unknown().optional(), fail: z.boolean().default(false), skip: z.boolean().default(false) })
      .strict(),
    injects: {},
    async process({ id, params }) {
      recorder.runs.push({ id, params: params.value });
      if (params.fail) return { succeeded: false, was_skipped: false, message: "told to fail", data: {} };
      if (params.skip) return { succeeded: true, was_skipped: true, message: "told to skip", data: {} };
      return success({ value: params.value ?? id });
    },
  });
  const CountedService = defineService({
    kind: "service",
    name: "CountedService",
    params: z.object({ api_token: z.string().optional() }).strict(),
    create() {
      recorder.created++;
      return {
        close: async () => {
          recorder.closed++;
        },
      };
    },
  });
  const UsesService = definePipe({
    kind: "pipe",
    name: "UsesServicePipe",
    params: z.object({}).strict(),
    injects: { dependency: "service" },
    async process({ services }) {
      return success({ has_service: services.dependency !== undefined });
    },
  });
  const ScriptedClassifier = defineService({
    kind: "classifier",
    name: "ScriptedClassifier",
    params: z.object({}).strict(),
    create: () => ({
      classify: async (requests: { text: string }[]) =>
        requests.map(
          (r) =>
            (classifierOutput() ?? {
              label: r.text.includes("invoice") ? "Billing" : "Other",
              confidence: 0.9,
              scores: [],
            }) as ClassificationResult,
        ),
    }),
  });
  return definePlugin({
    name: "otai-recording-fake",
    version: "1.0.0",
    prefix: "fake",
    apiVersion: `^${PLUGIN_API_VERSION}`,
    setup(api) {
      api.register(RecordPipe);
      api.register(UsesService);
      api.register(CountedService);
      api.register(ScriptedClassifier);
    },
  });
}
