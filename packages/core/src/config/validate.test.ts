import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { prepare } from "../engine/prepare.ts";
import { basePlugin } from "../pipes/base-plugin.ts";
import { registerPlugin } from "../plugins/load.ts";
import { createRegistry } from "../plugins/registry.ts";
import { createTemplateRenderer } from "../templates/renderer.ts";
import type { ConfigIssue } from "./issues.ts";
import { parseConfigText } from "./load.ts";
import { validateConfig } from "./validate.ts";

const FIXTURES = fileURLToPath(new URL("../../../testkit/fixtures/configs/", import.meta.url));

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function prepareText(text: string, environment: NodeJS.ProcessEnv = {}, renderServices = true) {
  const dir = mkdtempSync(join(tmpdir(), "otai-validate-test-"));
  dirs.push(dir);
  writeFileSync(join(dir, "config.yml"), text);
  return prepare({ cwd: dir, discover: false, environment, renderServices });
}

const summary = (issues: readonly ConfigIssue[]) =>
  issues.map((i) => `${i.position?.line}:${i.position?.col} ${i.path}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`);

const STEPS = "open_ticket_ai.orchestrator.params.steps";

describe("strict validation: every mistake at once", () => {
  it("reports all mistakes of many-mistakes.yml in one prepare() call, each with line, column and 'did you mean'", async () => {
    const prepared = await prepare({ cwd: FIXTURES, config: "many-mistakes.yml", discover: false, environment: {} });
    assert.deepEqual(summary(prepared.issues), [
      "7:12 open_ticket_ai.services.not_a_service.use: 'base:FetchTicketsPipe' is a pipe, not a service",
      "8:3 open_ticket_ai.orchestrater: unknown key 'orchestrater' (did you mean 'orchestrator'?)",
      `22:27 ${STEPS}[0].params.on.params.interval: expected a duration such as 'PT5S', '0:01:00' or a number of seconds, got "soon"`,
      `25:20 ${STEPS}[0].params.run.use: unknown component 'base:CompositPipe' (did you mean 'base:CompositePipe'?)`,
      `28:37 ${STEPS}[1].injects.ticket_system: unknown service 'desks' (did you mean 'desk'?)`,
      `28:44 ${STEPS}[1].injects.classifier: 'FetchTicketsPipe' takes no injected service 'classifier' (it takes: ticket_system)`,
      `29:11 ${STEPS}[1].paramz: unknown key 'paramz' (did you mean 'params'?)`,
      `36:22 ${STEPS}[2].params.ticket_search_criteria.limit: expected number, got string "ten"`,
      `45:11 ${STEPS}[4].steps: unknown key 'steps' (steps belong under params:)`,
      `47:16 ${STEPS}[5].use: 'base:InMemoryTicketSystemService' is a ticket-system service, not a pipe (define it under services: and inject it into a pipe)`,
      `51:25 ${STEPS}[6].params.expression: template does not parse: syntax error: unexpected \`}\`, expected \`,\``,
    ]);
    for (const issue of prepared.issues) assert.equal(issue.position?.file, "many-mistakes.yml");
  });

  it('does not type-check templated values statically (limit: "{{ 5 }}" on line 42 is fine)', async () => {
    const prepared = await prepare({ cwd: FIXTURES, config: "many-mistakes.yml", discover: false, environment: {} });
    assert.ok(!prepared.issues.some((i) => i.path.startsWith(`${STEPS}[3]`)));
    const clean = await prepareText(`open_ticket_ai:
  services:
    desk: { use: base:InMemoryTicketSystemService }
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      orchestrator_sleep: "{{ 5 }}"
      steps:
        - id: fetch
          use: base:FetchTicketsPipe
          injects: { ticket_system: desk }
          params:
            ticket_search_criteria: { limit: "{{ 5 }}", queue: "{{ {'name': 'x'} }}" }
`);
    assert.deepEqual(summary(clean.issues), []);
  });

  it("checks nested pipes (on/run/steps) with the same rigour as top-level ones", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  services:
    desk: { use: base:InMemoryTicketSystemService }
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: { use: base:IntervalTrigger, params: { interval: PT1S, every: 2 } }
            run:
              use: base:CompositePipe
              params:
                steps:
                  - id: cls
                    use: base:ClassificationPipe
                    injects: { classification_service: desk }
                    params: { text: hi, top_k: 0 }
`);
    assert.deepEqual(summary(prepared.issues), [
      `11:72 ${STEPS}[0].params.on.params.every: unknown key 'every' (expected one of: interval)`,
      `18:56 ${STEPS}[0].params.run.params.steps[0].injects.classification_service: service 'desk' is a ticket-system, but 'classification_service' needs a classifier`,
      `19:48 ${STEPS}[0].params.run.params.steps[0].params.top_k: Too small: expected number to be >0`,
    ]);
  });

  it("a missing injected service, a repeated step id, and a pipe written as a template are issues", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  services:
    desk: { use: base:InMemoryTicketSystemService }
  orchestrator:
    use: base:CompositePipe
    params:
      steps:
        - id: fetch
          use: base:FetchTicketsPipe
        - id: fetch
          use: base:ExpressionPipe
          params: { expression: 1 }
        - "{{ pipe_results }}"
`);
    assert.deepEqual(summary(prepared.issues), [
      `9:16 ${STEPS}[0].injects: 'FetchTicketsPipe' needs a ticket-system injected as 'ticket_system' (add: injects: { ticket_system: <service id> })`,
      `10:15 ${STEPS}[1].id: step id 'fetch' is used twice in this list; the later result would hide the earlier one`,
      `13:11 ${STEPS}[2]: a pipe config cannot be a template; write the pipe here`,
    ]);
  });

  it("an unknown base component gets a 'did you mean' also in a service", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  services:
    desk: { use: base:InMemoryTicketSystem }
  orchestrator: { use: base:CompositePipe }
`);
    assert.deepEqual(summary(prepared.issues), [
      "3:18 open_ticket_ai.services.desk.use: unknown component 'base:InMemoryTicketSystem' (did you mean 'base:InMemoryTicketSystemService'?)",
    ]);
  });

  it("OTAI's old 'otai_base:' prefix is pointed to 'base:'", async () => {
    const prepared = await prepareText("open_ticket_ai:\n  orchestrator: { use: otai_base:CompositePipe }\n");
    assert.equal(prepared.issues.length, 1);
    assert.equal(prepared.issues[0]?.hint, "did you mean 'base:CompositePipe'?");
  });

  it("a pipe whose params are left out still has its missing required values reported", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
`);
    assert.deepEqual(
      prepared.issues.map((i) => i.path),
      [`${STEPS}[0].params.on`, `${STEPS}[0].params.run`],
    );
  });

  it("missing required params of a pipe without a params: key are placed at that pipe", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
`);
    assert.equal(prepared.issues.length, 2);
    for (const issue of prepared.issues) assert.ok(issue.position !== undefined && issue.position.line >= 6);
  });

  it("a missing required duration (IntervalTrigger without interval) says it is missing", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  orchestrator:
    use: base:SimpleSequentialRunner
    params:
      on: { use: base:IntervalTrigger, params: {} }
      run: { use: base:CompositePipe }
`);
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /missing/);
  });
});

describe("missing environment variables in service params", () => {
  const config = `open_ticket_ai:
  services:
    desk:
      use: base:InMemoryTicketSystemService
      params:
        tickets:
          - id: 1
            subject: "{{ get_env('NOPE') }}"
  orchestrator: { use: base:CompositePipe }
`;

  it("get_env('NOPE') is reported by prepare at the template's line and column", async () => {
    const prepared = await prepareText(config);
    assert.equal(prepared.issues.length, 1);
    const [issue] = prepared.issues;
    assert.deepEqual(issue?.position, { file: "config.yml", line: 8, col: 22 });
    assert.equal(issue?.path, "open_ticket_ai.services.desk.params");
    assert.match(issue?.message ?? "", /environment variable 'NOPE' is not set/);
  });

  it("is not reported when the variable is set, or when renderServices is off", async () => {
    assert.deepEqual(summary((await prepareText(config, { NOPE: "here" })).issues), []);
    assert.deepEqual(summary((await prepareText(config, {}, false)).issues), []);
  });

  it("a value read by get_env under a secret-like name is registered as a secret", async () => {
    const prepared = await prepareText(config.replace("NOPE", "OTAI_API_TOKEN"), { OTAI_API_TOKEN: "s3cr3t-value" });
    assert.deepEqual(summary(prepared.issues), []);
    assert.equal(prepared.secrets.scrub("token=s3cr3t-value"), "token=[REDACTED]");
  });
});

describe("api_version", () => {
  const withVersion = (spec: string) =>
    `open_ticket_ai:\n  api_version: '${spec}'\n  orchestrator: { use: base:CompositePipe }\n`;

  it("an unsatisfied api_version ('>=2.0.0') is an issue at its line", async () => {
    const prepared = await prepareText(withVersion(">=2.0.0"));
    assert.deepEqual(summary(prepared.issues), [
      "2:16 open_ticket_ai.api_version: this OTAI implements API 1.0.0, which does not satisfy api_version '>=2.0.0'",
    ]);
  });

  for (const spec of [">=1.0.0", "~=1.0", "==1.*", ">=1.0.0,<2", "^1.0.0", ">=1.0.0, <2.0.0"]) {
    it(`'${spec}' is satisfied`, async () => {
      assert.deepEqual(summary((await prepareText(withVersion(spec))).issues), []);
    });
  }

  it("an api_version that is not a version specifier is an issue (OTAI validates it as a SpecifierSet)", async () => {
    const prepared = await prepareText(withVersion("banana"));
    assert.equal(prepared.issues.length, 1);
    assert.equal(prepared.issues[0]?.position?.line, 2);
  });
});

describe("validateConfig on its own", () => {
  it("needs only a loaded config, a registry and a renderer, and sorts issues by position", () => {
    const registry = createRegistry();
    registerPlugin(registry, basePlugin, "built-in");
    const loaded = parseConfigText(
      "otai:\n  orchestrator:\n    use: base:CompositePipe\n    params:\n      steps:\n        - use: base:Nope\n  servces: {}\n",
      "/virtual/config.yml",
    );
    const issues = validateConfig(loaded, { registry, renderer: createTemplateRenderer({ env: {} }) });
    assert.deepEqual(
      issues.map((i) => [i.position?.line, i.message]),
      [
        [6, "unknown component 'base:Nope'"],
        [7, "unknown key 'servces'"],
      ],
    );
  });
});

describe("mistakes from OTAI's own drifting docs (notes 2.5)", () => {
  it("points each one to the fix, once", async () => {
    const prepared = await prepareText(`open_ticket_ai:
  infrastructure:
    logging:
      level: INFO
      log_format: "%(message)s"
  orchestrator:
    use: otai_base:SimpleSequentialOrchestrator
    steps:
      - id: runner
        use: otai_base:SimpleSequentialRunner
`);
    assert.deepEqual(
      prepared.issues.map((i) => `${i.position?.line}:${i.position?.col} ${i.message} (${i.hint})`),
      [
        "5:7 unknown key 'log_format' (did you mean 'format'?)",
        "7:10 unknown component 'otai_base:SimpleSequentialOrchestrator' (did you mean 'base:SimpleSequentialOrchestrator'?)",
        "8:5 unknown key 'steps' (steps belong under params:)",
      ],
    );
  });
});
