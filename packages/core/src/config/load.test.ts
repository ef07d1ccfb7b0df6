import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { main } from "../../../cli/src/main.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
import { prepare } from "../engine/prepare.ts";
import { isOtaiError } from "../errors.ts";
import type { ConfigIssue } from "./issues.ts";
import { parseConfigText, readConfig, resolveConfigPath } from "./load.ts";

const FIXTURES = fileURLToPath(new URL("../../../testkit/fixtures/configs/", import.meta.url));

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir with the given files (paths relative to it). */
function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "otai-load-test-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const ORCHESTRATOR = `  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params: { steps: [] }
`;
const MINIMAL = `open_ticket_ai:\n${ORCHESTRATOR}`;

/** prepare() on config text written to `config.yml` in a fresh temp dir, with no plugin discovery. */
async function prepareText(text: string, environment: NodeJS.ProcessEnv = {}) {
  const dir = tempDir({ "config.yml": text });
  return prepare({ cwd: dir, discover: false, environment });
}

const summary = (issues: readonly ConfigIssue[]) =>
  issues.map((i) => `${i.position?.line}:${i.position?.col} ${i.path}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`);

describe("config path: --config, OTAI_CONFIG, ./config.yml", () => {
  it("resolveConfigPath prefers the explicit path, then OTAI_CONFIG, then ./config.yml, relative to cwd", () => {
    const cwd = "/srv/otai";
    assert.equal(resolveConfigPath({ cwd, environment: {} }), "/srv/otai/config.yml");
    assert.equal(resolveConfigPath({ cwd, environment: { OTAI_CONFIG: "conf/a.yml" } }), "/srv/otai/conf/a.yml");
    assert.equal(
      resolveConfigPath({ cwd, path: "b.yml", environment: { OTAI_CONFIG: "conf/a.yml" } }),
      "/srv/otai/b.yml",
    );
    assert.equal(resolveConfigPath({ cwd, path: "/etc/otai.yml", environment: {} }), "/etc/otai.yml");
  });

  it("prepare reads ./config.yml in the working directory by default", async () => {
    const dir = tempDir({ "config.yml": MINIMAL });
    const prepared = await prepare({ cwd: dir, discover: false, environment: {} });
    assert.equal(prepared.loaded.file, join(dir, "config.yml"));
    assert.equal(prepared.loaded.baseDir, dir);
    assert.deepEqual(summary(prepared.issues), []);
  });

  it("prepare reads the file named by OTAI_CONFIG", async () => {
    const dir = tempDir({ "config.yml": "not: [valid", "conf/other.yml": MINIMAL });
    const prepared = await prepare({ cwd: dir, discover: false, environment: { OTAI_CONFIG: "conf/other.yml" } });
    assert.equal(prepared.loaded.file, join(dir, "conf/other.yml"));
    assert.equal(prepared.loaded.baseDir, join(dir, "conf"));
    assert.deepEqual(summary(prepared.issues), []);
  });

  it("an explicit path wins over OTAI_CONFIG", async () => {
    const dir = tempDir({ "explicit.yml": MINIMAL });
    const prepared = await prepare({
      cwd: dir,
      config: "explicit.yml",
      discover: false,
      environment: { OTAI_CONFIG: "does-not-exist.yml" },
    });
    assert.equal(prepared.loaded.file, join(dir, "explicit.yml"));
  });

  it("a missing file is OTAI_CONFIG_NOT_FOUND naming the path", async () => {
    const dir = tempDir();
    await assert.rejects(
      prepare({ cwd: dir, discover: false, environment: {} }),
      (error) =>
        isOtaiError(error) &&
        error.code === "OTAI_CONFIG_NOT_FOUND" &&
        error.message.includes(join(dir, "config.yml")) &&
        error.details.file === join(dir, "config.yml") &&
        error.exitCode === 3,
    );
    assert.throws(
      () => readConfig({ cwd: dir, environment: { OTAI_CONFIG: "nope/missing.yml" } }),
      (error) =>
        isOtaiError(error) && error.code === "OTAI_CONFIG_NOT_FOUND" && /nope\/missing\.yml/.test(error.message),
    );
  });
  it("otai validate (CLI) on a missing file exits 3 and names the file", async () => {
    const dir = tempDir();
    const err: string[] = [];
    const code = await main(["validate", "--config", join(dir, "nope.yml")], {
      out: () => {},
      err: (t) => err.push(t),
      isTTY: false,
    });
    assert.equal(code, 3);
    assert.match(err.join("\n"), /OTAI_CONFIG_NOT_FOUND/);
    assert.ok(err.join("\n").includes(join(dir, "nope.yml")));
  });
});

describe(".env files", () => {
  const layout = () =>
    tempDir({
      ".env": "FROM_CWD=cwd\nIN_BOTH=cwd\nOVERRIDDEN=cwd\n",
      "conf/.env": "BESIDE_CONFIG=config-dir\nIN_BOTH=config-dir\n",
      "conf/config.yml": `open_ticket_ai:
  services:
    desk:
      use: base:InMemoryTicketSystemService
      params:
        tickets:
          - id: 1
            subject: "{{ get_env('FROM_CWD') }}/{{ get_env('BESIDE_CONFIG') }}/{{ get_env('IN_BOTH') }}/{{ get_env('OVERRIDDEN') }}"
${ORCHESTRATOR}`,
    });

  it("reads .env in the working directory and beside the config; real env wins; cwd wins over the config dir", async () => {
    const dir = layout();
    const prepared = await prepare({
      cwd: dir,
      config: "conf/config.yml",
      discover: false,
      environment: { OVERRIDDEN: "real" },
    });
    assert.deepEqual(summary(prepared.issues), []);
    assert.equal(prepared.loaded.env.FROM_CWD, "cwd");
    assert.equal(prepared.loaded.env.BESIDE_CONFIG, "config-dir");
    assert.equal(prepared.loaded.env.IN_BOTH, "cwd");
    assert.equal(prepared.loaded.env.OVERRIDDEN, "real");
  });

  it("get_env in a service param sees the .env values (rendered with the prepared renderer)", async () => {
    const dir = layout();
    const prepared = await prepare({
      cwd: dir,
      config: "conf/config.yml",
      discover: false,
      environment: { OVERRIDDEN: "real" },
    });
    const desk = prepared.loaded.services.find((s) => s.id === "desk");
    assert.ok(desk);
    const params = prepared.renderer.renderValue(desk.raw.params, emptyContext()) as {
      tickets: { subject: string }[];
    };
    assert.equal(params.tickets[0]?.subject, "cwd/config-dir/cwd/real");
  });

  it("a variable set nowhere is an issue at validation time", async () => {
    const dir = layout();
    rmSync(join(dir, ".env"));
    const prepared = await prepare({ cwd: dir, config: "conf/config.yml", discover: false, environment: {} });
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /environment variable 'FROM_CWD' is not set/);
  });
});

describe("root key", () => {
  for (const root of ["open_ticket_ai", "otai", "cfg"]) {
    it(`accepts '${root}'`, async () => {
      const prepared = await prepareText(`${root}:\n${ORCHESTRATOR}`);
      assert.deepEqual(summary(prepared.issues), []);
      assert.deepEqual(prepared.loaded.rootPath, [root]);
      assert.equal(prepared.loaded.config.api_version, ">=1.0.0");
    });
  }

  it("a missing root key is an issue", async () => {
    const prepared = await prepareText(`services: {}\n${ORCHESTRATOR.replace(/^ {2}/gm, "")}`);
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /missing root key: expected one of open_ticket_ai, otai, cfg/);
  });

  it("a misspelled root key gets a 'did you mean'", async () => {
    const prepared = await prepareText(`open_tiket_ai:\n${ORCHESTRATOR}`);
    assert.equal(prepared.issues.length, 1);
    assert.equal(prepared.issues[0]?.hint, "did you mean 'open_ticket_ai'?");
    assert.deepEqual(prepared.issues[0]?.position?.line, 1);
  });

  it("the 'did you mean' issue points at the misspelled root key, not at the first key of the file", async () => {
    const prepared = await prepareText(
      `ticket_systems:\n  desk:\n    use: base:InMemoryTicketSystemService\nopen_tiket_ai:\n${ORCHESTRATOR}`,
    );
    assert.equal(prepared.issues[0]?.hint, "did you mean 'open_ticket_ai'?");
    assert.deepEqual(prepared.issues[0]?.position?.line, 4);
  });

  it("two root keys are an issue at the second one", async () => {
    const prepared = await prepareText(`otai:\n${ORCHESTRATOR}cfg:\n${ORCHESTRATOR}`);
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /more than one root key \(otai, cfg\)/);
    assert.deepEqual(prepared.issues[0]?.position?.line, 5);
  });

  it("a document that is not a mapping, or a root that is not a mapping, is an issue", async () => {
    const list = await prepareText("- open_ticket_ai\n");
    assert.equal(list.issues.length, 1);
    assert.match(list.issues[0]?.message ?? "", /expected a mapping with root key/);
    assert.deepEqual(list.issues[0]?.position?.line, 1);
    const scalar = await prepareText("otai: 5\n");
    assert.equal(scalar.issues.length, 1);
    assert.equal(scalar.issues[0]?.path, "otai");
    assert.match(scalar.issues[0]?.message ?? "", /expected a mapping/);
  });

  it("an unknown top-level key is an issue at its key, and the rest is still validated", async () => {
    const prepared = await prepareText(`${MINIMAL}logging:\n  level: INFO\n`);
    assert.deepEqual(summary(prepared.issues), [
      "5:1 logging: unknown top-level key 'logging' (everything goes under 'open_ticket_ai:')",
    ]);
  });

  it("an unknown key inside the root gets a 'did you mean'", async () => {
    const prepared = await prepareText(`open_ticket_ai:\n  servics: {}\n${ORCHESTRATOR}`);
    assert.deepEqual(summary(prepared.issues), [
      "2:3 open_ticket_ai.servics: unknown key 'servics' (did you mean 'services'?)",
    ]);
  });

  it("logging is checked strictly, with the line of the bad value", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  infrastructure:\n    logging:\n      level: LOUD\n      log_format: x\n${ORCHESTRATOR}`,
    );
    const lines = prepared.issues.map((i) => [i.position?.line, i.path]);
    assert.deepEqual(lines, [
      [4, "open_ticket_ai.infrastructure.logging.level"],
      [5, "open_ticket_ai.infrastructure.logging.log_format"],
    ]);
    assert.equal(prepared.issues[1]?.hint, "did you mean 'format'?");
  });

  it("lower-case log levels are accepted as in OTAI", () => {
    const loaded = parseConfigText(`otai:\n  infrastructure: { logging: { level: debug } }\n`, "/x/config.yml");
    assert.deepEqual(loaded.issues, []);
    assert.equal(loaded.config.infrastructure.logging.level, "DEBUG");
  });

  it("a config without an orchestrator is an issue with a hint", async () => {
    const prepared = await prepareText("open_ticket_ai:\n  services: {}\n");
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /no orchestrator/);
    assert.match(prepared.issues[0]?.hint ?? "", /base:SimpleSequentialOrchestrator/);
  });

  it("a YAML syntax error is reported with line and column, and nothing else is guessed", async () => {
    const prepared = await prepareText("open_ticket_ai:\n  services: [\n  orchestrator: {}\n");
    assert.ok(prepared.issues.length >= 1);
    for (const issue of prepared.issues) assert.match(issue.message, /^YAML syntax error: /);
    assert.ok((prepared.issues[0]?.position?.line ?? 0) >= 2);
    assert.ok((prepared.issues[0]?.position?.col ?? 0) >= 1);
  });

  it("a duplicate key is a YAML error at the second key", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    a: { use: base:JinjaRenderer }\n    a: { use: base:JinjaRenderer }\n${ORCHESTRATOR}`,
    );
    assert.deepEqual(summary(prepared.issues), ["4:5 : YAML syntax error: Map keys must be unique"]);
  });
});

describe("services", () => {
  const pipeline = (system: string) => `  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: fetch
          use: base:FetchTicketsPipe
          injects: { ticket_system: ${system} }
`;

  it("accepts services as a map keyed by id", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    desk:\n      use: base:InMemoryTicketSystemService\n${pipeline("desk")}`,
    );
    assert.deepEqual(summary(prepared.issues), []);
    assert.deepEqual(
      prepared.loaded.services.map((s) => [s.id, s.section, s.path.join(".")]),
      [["desk", "services", "open_ticket_ai.services.desk"]],
    );
  });

  it("accepts services as a list of entries with ids", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    - id: jinja\n      use: base:JinjaRenderer\n    - id: desk\n      use: base:InMemoryTicketSystemService\n${pipeline("desk")}`,
    );
    assert.deepEqual(summary(prepared.issues), []);
    assert.deepEqual(
      prepared.loaded.services.map((s) => [s.id, s.path.join(".")]),
      [
        ["jinja", "open_ticket_ai.services.0"],
        ["desk", "open_ticket_ai.services.1"],
      ],
    );
  });

  const misspeltList = `open_ticket_ai:\n  services:\n    - id: desk\n      use: base:InMemoryTicketSystemService\n      paramz: {}\n${pipeline("desk")}`;

  it("a list entry with a misspelled key gets a 'did you mean' at its line", async () => {
    const prepared = await prepareText(misspeltList);
    assert.ok(
      summary(prepared.issues).includes(
        "5:7 open_ticket_ai.services[0].paramz: unknown key 'paramz' (did you mean 'params'?)",
      ),
    );
  });

  it("a service with a misspelled key is still a defined service: injecting it is not also 'unknown service'", async () => {
    const prepared = await prepareText(misspeltList);
    assert.deepEqual(summary(prepared.issues), [
      "5:7 open_ticket_ai.services[0].paramz: unknown key 'paramz' (did you mean 'params'?)",
    ]);
  });

  it("a service entry without 'use' (misspelled 'usee') is rejected", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    jinja:\n      usee: base:JinjaRenderer\n${ORCHESTRATOR}`,
    );
    assert.ok(prepared.issues.length >= 1);
    assert.ok(prepared.issues.some((i) => i.path.startsWith("open_ticket_ai.services")));
  });

  it("a service entry without 'use' is reported at its key with a 'did you mean', and other service mistakes still show", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    desk:\n      use: base:InMemoryTicketSystemService\n      paramz: {}\n    jinja:\n      usee: base:JinjaRenderer\n${ORCHESTRATOR}`,
    );
    const texts = summary(prepared.issues);
    assert.ok(texts.includes("5:7 open_ticket_ai.services.desk.paramz: unknown key 'paramz' (did you mean 'params'?)"));
    assert.ok(texts.includes("7:7 open_ticket_ai.services.jinja.usee: unknown key 'usee' (did you mean 'use'?)"));
  });

  it("accepts ticket_systems at the top level, beside the root key (the Zendesk/Zammad guides' form)", async () => {
    const prepared = await prepare({
      config: join(FIXTURES, "top-level-ticket-systems.yml"),
      discover: false,
      environment: {},
    });
    assert.deepEqual(summary(prepared.issues), []);
    const helpdesk = prepared.loaded.services.find((s) => s.id === "helpdesk");
    assert.equal(helpdesk?.section, "ticket_systems");
    assert.deepEqual(helpdesk?.path, ["ticket_systems", "helpdesk"]);
    assert.equal(helpdesk?.config.use, "base:InMemoryTicketSystemService");
  });

  it("accepts ticket_systems inside the root", async () => {
    const prepared = await prepareText(
      `otai:\n  ticket_systems:\n    desk:\n      use: base:InMemoryTicketSystemService\n${pipeline("desk")}`,
    );
    assert.deepEqual(summary(prepared.issues), []);
    assert.deepEqual(prepared.loaded.services[0]?.path, ["otai", "ticket_systems", "desk"]);
  });

  it("a top-level ticket_systems entry is checked strictly, with positions in the file", async () => {
    const prepared = await prepareText(
      `ticket_systems:\n  desk:\n    use: base:InMemoryTicketSystemService\n    parms: {}\nopen_ticket_ai:\n${ORCHESTRATOR}`,
    );
    assert.deepEqual(summary(prepared.issues), [
      "4:5 ticket_systems.desk.parms: unknown key 'parms' (did you mean 'params'?)",
    ]);
  });

  it("a service id used in services and ticket_systems is an issue at the later one", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    desk:\n      use: base:InMemoryTicketSystemService\n  ticket_systems:\n    desk:\n      use: base:InMemoryTicketSystemService\n${pipeline("desk")}`,
    );
    assert.deepEqual(summary(prepared.issues), [
      "6:5 open_ticket_ai.ticket_systems.desk: service id 'desk' is defined twice (service ids must be unique across services and ticket_systems)",
    ]);
  });

  it("a service id used inside and beside the root is an issue", async () => {
    const prepared = await prepareText(
      `ticket_systems:\n  desk:\n    use: base:InMemoryTicketSystemService\nopen_ticket_ai:\n  services:\n    desk:\n      use: base:InMemoryTicketSystemService\n${pipeline("desk")}`,
    );
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /service id 'desk' is defined twice/);
    assert.equal(prepared.issues[0]?.position?.line, 2);
  });

  it("a repeated id in the list form is an issue", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    - { id: desk, use: base:InMemoryTicketSystemService }\n    - { id: desk, use: base:InMemoryTicketSystemService }\n${pipeline("desk")}`,
    );
    assert.deepEqual(summary(prepared.issues), [
      "4:7 open_ticket_ai.services[1]: service id 'desk' is defined twice (service ids must be unique across services and ticket_systems)",
    ]);
  });

  it("a ticket_systems entry that is not a ticket system is an issue at its use:", async () => {
    const prepared = await prepareText(
      `ticket_systems:\n  renderer:\n    use: base:JinjaRenderer\nopen_ticket_ai:\n  ticket_systems:\n    pipe:\n      use: base:ExpressionPipe\n${ORCHESTRATOR}`,
    );
    assert.deepEqual(summary(prepared.issues), [
      "3:10 ticket_systems.renderer.use: 'base:JinjaRenderer' is a template-renderer, not a ticket system",
      "7:12 open_ticket_ai.ticket_systems.pipe.use: 'base:ExpressionPipe' is a pipe, not a service",
    ]);
  });

  it("more than one template renderer is an issue", async () => {
    const prepared = await prepareText(
      `open_ticket_ai:\n  services:\n    a: { use: base:JinjaRenderer }\n    b: { use: base:JinjaRenderer }\n${ORCHESTRATOR}`,
    );
    assert.deepEqual(summary(prepared.issues), [
      "4:15 open_ticket_ai.services.b: more than one template renderer is configured; configure at most one",
    ]);
  });
});
