/**
 * Acceptance: the complete example config of OTAI's installation guide (copied unchanged into
 * packages/testkit/fixtures/configs/otai-installation-guide.yml) loads here. The OTOBO/Znuny and
 * hf-local plugins are not part of this repo, so the tests use STAND-IN plugins from
 * @otai/testkit's fake-plugins, which only declare the same component ids and params.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { main } from "../../../cli/src/main.ts";
import { fakeHfLocalPlugin, fakeOtoboZnunyPlugin } from "../../../testkit/src/fake-plugins/index.ts";
import { prepare } from "../engine/prepare.ts";
import { formatIssue } from "./issues.ts";

const CONFIG = fileURLToPath(new URL("../../../testkit/fixtures/configs/otai-installation-guide.yml", import.meta.url));
const TEXT = readFileSync(CONFIG, "utf8");
const ENV = { OTAI_ZNUNY_PASSWORD: "x", OTAI_HF_TOKEN: "y" };
/** How messages name the file: relative to the working directory when it is below it. */
const SHOWN = relative(process.cwd(), CONFIG).startsWith("..") ? CONFIG : relative(process.cwd(), CONFIG);

/** The 1-based line of the only line containing `needle`. */
function lineOf(needle: string): number {
  const lines = TEXT.split("\n");
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  assert.equal(found.length, 1, `expected exactly one line containing ${needle}`);
  return found[0] ?? 0;
}

const MISSING = [
  {
    id: "otobo-znuny:OTOBOZnunyTicketSystemService",
    plugin: "otai-otobo-znuny",
    line: 12,
    path: "open_ticket_ai.services.otobo_znuny.use",
  },
  {
    id: "hf-local:HFClassificationService",
    plugin: "otai-hf-local",
    line: 17,
    path: "open_ticket_ai.services.hf_local.use",
  },
] as const;

/** Runs `fn` with `vars` set (undefined = unset) in process.env, restoring it afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

describe("OTAI installation guide config (with stand-in plugins)", () => {
  it("the fixture's use: lines are where the tests expect them", () => {
    for (const missing of MISSING) assert.equal(lineOf(`use: '${missing.id}'`), missing.line);
  });

  it("loads with zero issues when the stand-in otobo-znuny and hf-local plugins are given", async () => {
    const prepared = await prepare({
      config: CONFIG,
      plugins: [fakeOtoboZnunyPlugin, fakeHfLocalPlugin],
      discover: false,
      environment: ENV,
    });
    assert.deepEqual(prepared.issues.map(formatIssue), []);
    assert.deepEqual(
      prepared.loaded.services.map((s) => s.id),
      ["jinja_default", "otobo_znuny", "hf_local"],
    );
    assert.equal(
      prepared.registry.resolve("otobo-znuny:OTOBOZnunyTicketSystemService")?.definition.kind,
      "ticket-system",
    );
    assert.equal(prepared.registry.resolve("hf-local:HFClassificationService")?.definition.kind, "classifier");
    assert.deepEqual(
      prepared.plugins.map((p) => p.name),
      ["@otai/core", "otai-otobo-znuny", "otai-hf-local"],
    );
    assert.equal(prepared.loaded.config.infrastructure.logging.level, "INFO");
  });

  it("with the stand-in plugins but no env vars, each missing get_env is an issue naming the variable and its line", async () => {
    const prepared = await prepare({
      config: CONFIG,
      plugins: [fakeOtoboZnunyPlugin, fakeHfLocalPlugin],
      discover: false,
      environment: {},
    });
    assert.equal(prepared.issues.length, 2);
    const [znuny, hf] = prepared.issues;
    assert.equal(znuny?.path, "open_ticket_ai.services.otobo_znuny.params");
    assert.match(znuny?.message ?? "", /environment variable 'OTAI_ZNUNY_PASSWORD' is not set/);
    assert.equal(znuny?.position?.line, lineOf("OTAI_ZNUNY_PASSWORD"));
    assert.equal(hf?.path, "open_ticket_ai.services.hf_local.params");
    assert.match(hf?.message ?? "", /environment variable 'OTAI_HF_TOKEN' is not set/);
    assert.equal(hf?.position?.line, lineOf("OTAI_HF_TOKEN"));
  });

  it("the missing-env issue is placed at the template itself, not at the start of params", async () => {
    const prepared = await prepare({
      config: CONFIG,
      plugins: [fakeOtoboZnunyPlugin, fakeHfLocalPlugin],
      discover: false,
      environment: { OTAI_HF_TOKEN: "y" },
    });
    assert.equal(prepared.issues.length, 1);
    assert.deepEqual(prepared.issues[0]?.position, { file: SHOWN, line: lineOf("OTAI_ZNUNY_PASSWORD"), col: 19 });
  });

  it("without the plugins, reports exactly one issue per missing component, at its use: line, naming the plugin package", async () => {
    const prepared = await prepare({ config: CONFIG, discover: false, environment: ENV });
    assert.equal(prepared.issues.length, MISSING.length, prepared.issues.map(formatIssue).join("\n"));
    for (const missing of MISSING) {
      const issues = prepared.issues.filter((i) => i.message.includes(missing.id));
      assert.equal(issues.length, 1, `one issue for ${missing.id}`);
      const [issue] = issues;
      assert.equal(issue?.message, `unknown component '${missing.id}'`);
      assert.equal(issue?.path, missing.path);
      assert.deepEqual(issue?.position, { file: SHOWN, line: missing.line, col: 12 });
      assert.match(issue?.hint ?? "", new RegExp(`plugin '${missing.plugin}'`));
      assert.match(issue?.hint ?? "", new RegExp(`npm install ${missing.plugin}$`));
    }
  });

  it("with only one stand-in plugin, only the other component is reported", async () => {
    const prepared = await prepare({ config: CONFIG, plugins: [fakeHfLocalPlugin], discover: false, environment: ENV });
    assert.deepEqual(
      prepared.issues.map((i) => [i.position?.line, i.message]),
      [[12, "unknown component 'otobo-znuny:OTOBOZnunyTicketSystemService'"]],
    );
  });

  it("otai validate (CLI) exits 3 and prints each missing id with its line and the plugin to install", async () => {
    const { io, out, err } = capture();
    const code = await withEnv(ENV, () => main(["validate", "--config", CONFIG], io));
    assert.equal(code, 3);
    assert.deepEqual(out, []);
    const text = err.join("\n");
    assert.match(text, /^2 problems found:/);
    for (const missing of MISSING) {
      assert.ok(text.includes(`${SHOWN}:${missing.line}:12  ${missing.path}: unknown component '${missing.id}'`), text);
      assert.ok(text.includes(`plugin '${missing.plugin}'`), text);
      assert.ok(text.includes(`npm install ${missing.plugin}`), text);
    }
  });

  it("otai validate (CLI) without the env vars also names the unset variables, still exiting 3", async () => {
    const { io, err } = capture();
    const code = await withEnv({ OTAI_ZNUNY_PASSWORD: undefined, OTAI_HF_TOKEN: undefined }, () =>
      main(["validate", "--config", CONFIG], io),
    );
    assert.equal(code, 3);
    const text = err.join("\n");
    for (const missing of MISSING) assert.ok(text.includes(`unknown component '${missing.id}'`), text);
    assert.match(text, /'OTAI_ZNUNY_PASSWORD' is not set/);
    assert.match(text, /'OTAI_HF_TOKEN' is not set/);
  });

  it("otai validate --json (CLI) gives the two missing components as data", async () => {
    const { io, out } = capture();
    const code = await withEnv(ENV, () => main(["validate", "--config", CONFIG, "--json"], io));
    assert.equal(code, 3);
    const result = JSON.parse(out.join("")) as {
      valid: boolean;
      issues: { position: { line: number }; message: string; hint: string }[];
    };
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.issues.map((i) => [i.position.line, i.message]),
      MISSING.map((m) => [m.line, `unknown component '${m.id}'`]),
    );
    assert.deepEqual(
      result.issues.map((i) => i.hint.includes(`npm install`)),
      [true, true],
    );
  });

  it("otai validate (CLI) with the stand-in plugins and the env vars set exits 0", async () => {
    const { io, out, err } = capture();
    const code = await withEnv(ENV, () =>
      main(["validate", "--config", CONFIG], io, [fakeOtoboZnunyPlugin, fakeHfLocalPlugin]),
    );
    assert.deepEqual(err, []);
    assert.equal(code, 0);
    assert.match(out.join("\n"), /is valid: 3 service\(s\), plugins: @otai\/core, otai-otobo-znuny, otai-hf-local/);
  });
});
