/**
 * Plugin loading end to end: real packages written into a temporary node_modules (each a tiny plugin
 * module that default-exports a plain object shaped like definePlugin(...) output), discovered,
 * imported and registered. Tests that use the testkit's stand-in plugins say so in their names.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import pino from "pino";
import { main } from "../../../cli/src/main.ts";
import {
  FakeHFClassificationService,
  FakeOTOBOZnunyTicketSystemService,
  fakeHfLocalPlugin,
  fakeOtoboZnunyPlugin,
} from "../../../testkit/src/fake-plugins/index.ts";
import type { ConfigIssue } from "../config/issues.ts";
import { PLUGIN_API_VERSION } from "../contracts/plugin.ts";
import { loadRegistry, prepare } from "../engine/prepare.ts";
import { isOtaiError } from "../errors.ts";
import { createSecretRegistry } from "../logging/secrets.ts";
import { basePlugin } from "../pipes/base-plugin.ts";
import { discoverPlugins } from "./discover.ts";
import { loadPlugins } from "./load.ts";
import { createRegistry } from "./registry.ts";

const ZOD_DIR = dirname(createRequire(import.meta.url).resolve("zod/package.json"));

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

declare global {
  var __otaiImported: string[] | undefined;
}
const imported = () => globalThis.__otaiImported ?? [];

/** A temp project dir whose node_modules has zod (for the plugin modules) and nothing else yet. */
function project(config?: string): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "otai-plugins-test-")));
  dirs.push(root);
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(ZOD_DIR, join(root, "node_modules", "zod"), "dir");
  if (config !== undefined) writeFileSync(join(root, "config.yml"), config);
  return root;
}

interface ComponentSpec {
  kind: string;
  name: string;
  aliases?: string[];
}

interface PluginSpec {
  /** npm package name. */
  name: string;
  version?: string;
  prefix?: string;
  /** `otai.apiVersion` in package.json; omitted when undefined. */
  manifestApiVersion?: string | undefined;
  /** The definition's apiVersion. */
  apiVersion?: string;
  components?: ComponentSpec[];
  /** Replaces the whole module body. */
  body?: string;
  /** Module file name inside the package. */
  file?: string;
}

/** The module a plugin package ships: records that it ran, then default-exports a plugin object. */
function moduleSource(root: string, spec: PluginSpec): string {
  const marker = JSON.stringify(`${root}:${spec.name}`);
  const components = (spec.components ?? [{ kind: "service", name: "FooService" }])
    .map(
      (c) => `    api.register({
      kind: ${JSON.stringify(c.kind)},
      name: ${JSON.stringify(c.name)},
      params: z.object({ url: z.string() }).strict(),
      create: () => ({}),
    }, { aliases: ${JSON.stringify(c.aliases ?? [])} });`,
    )
    .join("\n");
  return `import { z } from "zod";
(globalThis.__otaiImported ??= []).push(${marker});
${
  spec.body ??
  `export default {
  name: ${JSON.stringify(spec.name)},
  version: ${JSON.stringify(spec.version ?? "1.2.3")},
  prefix: ${JSON.stringify(spec.prefix ?? "foo")},
  apiVersion: ${JSON.stringify(spec.apiVersion ?? "^1.0.0")},
  setup(api) {
${components}
  },
};`
}
`;
}

/** Writes node_modules/<name>/{package.json, plugin module} and returns the package dir. */
function install(root: string, spec: PluginSpec): string {
  const dir = join(root, "node_modules", ...spec.name.split("/"));
  mkdirSync(dir, { recursive: true });
  const file = spec.file ?? "plugin.mjs";
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: spec.name,
      version: spec.version ?? "1.2.3",
      type: "module",
      keywords: ["otai-plugin"],
      otai: {
        plugin: `./${file}`,
        ...(spec.manifestApiVersion === undefined ? {} : { apiVersion: spec.manifestApiVersion }),
      },
    }),
  );
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), moduleSource(root, spec));
  return dir;
}

const wasImported = (root: string, name: string) => imported().includes(`${root}:${name}`);

const summary = (issues: readonly ConfigIssue[]) =>
  issues.map((i) => `${i.position?.line}:${i.position?.col} ${i.path}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`);

const configUsing = (use: string, extra = "") => `open_ticket_ai:
${extra}  services:
    svc:
      use: ${use}
      params: { url: "http://x" }
  orchestrator: { use: base:CompositePipe }
`;

async function loadFrom(root: string, requirements: { name: string; version?: string | undefined }[] = []) {
  const registry = createRegistry();
  const result = await loadPlugins({
    registry,
    builtIn: [basePlugin],
    candidates: discoverPlugins([root]).filter((c) => c.dir.startsWith(root)),
    requirements: requirements.map((r) => ({ name: r.name, version: r.version })),
  });
  return { registry, ...result };
}

describe("plugin discovery and loading", () => {
  it("a discovered plugin is imported and its components validate a config", async () => {
    const root = project(configUsing("foo:FooService"));
    install(root, { name: "otai-foo", manifestApiVersion: "^1.0.0" });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
    assert.ok(wasImported(root, "otai-foo"));
    const foo = prepared.plugins.find((p) => p.name === "otai-foo");
    assert.equal(foo?.version, "1.2.3");
    assert.equal(foo?.prefix, "foo");
    assert.equal(foo?.source, join(root, "node_modules", "otai-foo"));
    assert.equal(prepared.registry.resolve("foo:FooService")?.definition.kind, "service");
  });

  it("the plugin's param schema is applied to the config, with positions", async () => {
    const root = project(configUsing("foo:FooService").replace('{ url: "http://x" }', "{ uri: 1 }"));
    install(root, { name: "otai-foo" });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(
      prepared.issues.map((i) => [i.position?.line, i.path, i.hint]),
      [
        [5, "open_ticket_ai.services.svc.params.url", undefined],
        [5, "open_ticket_ai.services.svc.params.uri", "did you mean 'url'?"],
      ],
    );
  });

  it("a scoped package is discovered and loaded", async () => {
    const root = project(configUsing("acme:AcmeService"));
    install(root, { name: "@acme/otai-acme", prefix: "acme", components: [{ kind: "service", name: "AcmeService" }] });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
    assert.ok(prepared.plugins.some((p) => p.name === "@acme/otai-acme"));
  });

  it("a package without an otai field is never imported", async () => {
    const root = project(configUsing("base:JinjaRenderer").replace('{ url: "http://x" }', "{}"));
    const dir = join(root, "node_modules", "otai-lookalike");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "otai-lookalike", main: "index.mjs" }));
    writeFileSync(
      join(dir, "index.mjs"),
      `(globalThis.__otaiImported ??= []).push(${JSON.stringify(`${root}:otai-lookalike`)});`,
    );
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
    // Plugins of the repository itself (found beside @otai/core) may load too; the lookalike must not.
    assert.ok(prepared.plugins.some((p) => p.name === "@otai/core"));
    assert.ok(!prepared.plugins.some((p) => p.name === "otai-lookalike"));
    assert.equal(wasImported(root, "otai-lookalike"), false);
  });

  it("aliases resolve to the same component", async () => {
    const root = project(configUsing("otai_foo:FooTicketsystemService"));
    install(root, {
      name: "otai-foo",
      components: [
        { kind: "ticket-system", name: "FooTicketSystemService", aliases: ["otai_foo:FooTicketsystemService"] },
      ],
    });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
    const byAlias = prepared.registry.resolve("otai_foo:FooTicketsystemService");
    assert.equal(byAlias?.id, "foo:FooTicketSystemService");
    assert.equal(byAlias, prepared.registry.resolve("foo:FooTicketSystemService"));
    assert.ok(prepared.registry.ids().includes("otai_foo:FooTicketsystemService"));
  });

  it("discovery can be turned off", async () => {
    const root = project(configUsing("foo:FooService"));
    install(root, { name: "otai-foo" });
    const prepared = await prepare({ cwd: root, environment: {}, discover: false });
    assert.equal(wasImported(root, "otai-foo"), false);
    assert.deepEqual(
      prepared.issues.map((i) => i.message),
      ["unknown component 'foo:FooService'"],
    );
  });
});

describe("plugin API compatibility", () => {
  it("a package.json apiVersion of ^2.0.0 is refused with OTAI_PLUGIN_INCOMPATIBLE before its code runs", async () => {
    const root = project();
    install(root, {
      name: "otai-future",
      version: "3.0.0",
      manifestApiVersion: "^2.0.0",
      body: 'throw new Error("this module must never be imported");',
    });
    const { problems, registry } = await loadFrom(root);
    assert.equal(problems.length, 1);
    const error = problems[0]?.error;
    assert.equal(error?.code, "OTAI_PLUGIN_INCOMPATIBLE");
    assert.match(
      error?.message ?? "",
      new RegExp(
        `plugin 'otai-future' 3\\.0\\.0 was built for plugin API \\^2\\.0\\.0, but this OTAI offers plugin API ${PLUGIN_API_VERSION.replace(/\./g, "\\.")}`,
      ),
    );
    assert.deepEqual(error?.details, {
      plugin: "otai-future",
      version: "3.0.0",
      apiVersion: "^2.0.0",
      offered: PLUGIN_API_VERSION,
    });
    assert.equal(wasImported(root, "otai-future"), false);
    assert.equal(
      registry.plugins().some((p) => p.name === "otai-future"),
      false,
    );
  });

  it("prepare reports the refused plugin as an issue, and the config is invalid", async () => {
    const root = project("open_ticket_ai:\n  orchestrator: { use: base:CompositePipe }\n");
    install(root, { name: "otai-future", manifestApiVersion: "^2.0.0", body: 'throw new Error("never");' });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.equal(prepared.issues.length, 1);
    assert.match(prepared.issues[0]?.message ?? "", /plugin 'otai-future' .* was built for plugin API \^2\.0\.0/);
    assert.equal(wasImported(root, "otai-future"), false);
  });

  it("a definition whose apiVersion excludes this API is refused, and none of its components register", async () => {
    const root = project();
    install(root, { name: "otai-liar", manifestApiVersion: "^1.0.0", apiVersion: "^2.0.0", prefix: "liar" });
    const { problems, registry } = await loadFrom(root);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_INCOMPATIBLE");
    assert.match(problems[0]?.error.message ?? "", /built for plugin API \^2\.0\.0/);
    assert.equal(registry.resolve("liar:FooService"), undefined);
  });

  it("a PEP 440 apiVersion in package.json is understood too", async () => {
    const root = project();
    install(root, { name: "otai-pep", manifestApiVersion: ">=1.0,<2", prefix: "pep" });
    const { problems, registry } = await loadFrom(root);
    assert.deepEqual(problems, []);
    assert.ok(registry.resolve("pep:FooService"));
  });
});

describe("config plugins: list", () => {
  it("restricts loading: an installed plugin that is not listed is not imported, so its ids are unknown", async () => {
    const root = project(
      configUsing("bar:BarService", "  plugins:\n    - otai-foo\n").replace(
        "  orchestrator",
        "    other:\n      use: foo:FooService\n      params: { url: x }\n  orchestrator",
      ),
    );
    install(root, { name: "otai-foo" });
    install(root, { name: "otai-bar", prefix: "bar", components: [{ kind: "service", name: "BarService" }] });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.ok(wasImported(root, "otai-foo"));
    assert.equal(wasImported(root, "otai-bar"), false);
    assert.deepEqual(summary(prepared.issues), [
      "6:12 open_ticket_ai.services.svc.use: unknown component 'bar:BarService' (run 'otai plugins' to list the installed components)",
    ]);
  });

  it("the object form {name, version} with a satisfied version loads the plugin", async () => {
    const root = project(configUsing("foo:FooService", "  plugins:\n    - { name: otai-foo, version: '~=1.2' }\n"));
    install(root, { name: "otai-foo", version: "1.2.3" });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
  });

  it("a version specifier that is not satisfied is an issue at that entry, and the plugin is not loaded", async () => {
    const root = project(configUsing("foo:FooService", "  plugins:\n    - { name: otai-foo, version: '>=2.0' }\n"));
    install(root, { name: "otai-foo", version: "1.2.3" });
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.equal(wasImported(root, "otai-foo"), false);
    assert.deepEqual(
      prepared.issues.map((i) => [i.position?.line, i.message]),
      [
        [3, "plugin 'otai-foo' is installed at version 1.2.3, which does not satisfy '>=2.0'"],
        [6, "unknown component 'foo:FooService'"],
      ],
    );
    assert.equal(prepared.issues[0]?.path, "open_ticket_ai.plugins.[0]");
  });

  it("an unreadable version specifier is an issue", async () => {
    const root = project();
    install(root, { name: "otai-foo" });
    const { problems } = await loadFrom(root, [{ name: "otai-foo", version: "banana" }]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.requirement, 0);
    assert.match(problems[0]?.error.message ?? "", /cannot read version specifier 'banana' for plugin 'otai-foo'/);
  });

  it("a listed plugin that is not installed is an issue at its entry, with the npm install command when known", async () => {
    const root = project(
      "open_ticket_ai:\n  plugins:\n    - otai-freshdesk\n    - otai_hf_local\n    - otai-nope\n  orchestrator: { use: base:CompositePipe }\n",
    );
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(
      prepared.issues.map((i) => [i.position?.line, i.message]),
      [
        [
          3,
          "plugin 'otai-freshdesk' is listed in plugins: but not installed; install it with: npm install otai-freshdesk",
        ],
        [
          4,
          "plugin 'otai_hf_local' is listed in plugins: but not installed; install it with: npm install otai-hf-local",
        ],
        [5, "plugin 'otai-nope' is listed in plugins: but not installed"],
      ],
    );
  });

  it("listing the built-in plugin by its Python name (otai-base) is satisfied", async () => {
    const root = project("open_ticket_ai:\n  plugins: [otai-base]\n  orchestrator: { use: base:CompositePipe }\n");
    const prepared = await prepare({ cwd: root, environment: {} });
    assert.deepEqual(summary(prepared.issues), []);
  });

  it("a listed plugin given in-process (stand-in otai-hf-local) counts as installed, and its version is checked", async () => {
    const root = project(
      "open_ticket_ai:\n  plugins:\n    - otai-hf-local\n    - { name: otai-otobo-znuny, version: '>=1.0' }\n  orchestrator: { use: base:CompositePipe }\n",
    );
    const prepared = await prepare({
      cwd: root,
      environment: {},
      discover: false,
      plugins: [fakeHfLocalPlugin, fakeOtoboZnunyPlugin],
    });
    assert.deepEqual(
      prepared.issues.map((i) => [i.position?.line, i.message]),
      [[4, "plugin 'otai-otobo-znuny' is installed at version 0.0.0-fake, which does not satisfy '>=1.0'"]],
    );
  });
});

describe("plugin load failures", () => {
  it("duplicate component ids across plugins are OTAI_PLUGIN_LOAD_FAILED naming both plugins", async () => {
    const root = project();
    install(root, { name: "otai-foo" });
    install(root, { name: "otai-foo-clone" });
    const { problems, loaded } = await loadFrom(root);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(
      problems[0]?.error.message ?? "",
      /component id 'foo:FooService' from plugin 'otai-foo(-clone)?' is already registered by plugin 'otai-foo(-clone)?'/,
    );
    assert.equal(loaded.filter((p) => p.name.startsWith("otai-foo")).length, 1);
  });

  it("an alias that collides with another plugin's id is OTAI_PLUGIN_LOAD_FAILED", async () => {
    const root = project();
    install(root, { name: "otai-a", prefix: "a", components: [{ kind: "service", name: "One" }] });
    install(root, { name: "otai-b", prefix: "b", components: [{ kind: "service", name: "Two", aliases: ["a:One"] }] });
    const { problems } = await loadFrom(root);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(
      problems[0]?.error.message ?? "",
      /component id 'a:One' from plugin 'otai-b' is already registered by plugin 'otai-a'/,
    );
  });

  it("a plugin refused during setup leaves none of its components registered", async () => {
    const root = project();
    install(root, { name: "otai-a", prefix: "a", components: [{ kind: "service", name: "One" }] });
    install(root, {
      name: "otai-z",
      prefix: "z",
      components: [
        { kind: "service", name: "Fine" },
        { kind: "service", name: "Two", aliases: ["a:One"] },
      ],
    });
    const { problems, registry } = await loadFrom(root);
    assert.equal(problems.length, 1);
    assert.equal(registry.resolve("z:Fine"), undefined);
    assert.equal(
      registry.plugins().some((p) => p.name === "otai-z"),
      false,
    );
  });

  it("a module that throws at import is OTAI_PLUGIN_LOAD_FAILED with the cause", async () => {
    const root = project();
    install(root, { name: "otai-boom", body: 'throw new Error("boom at import");' });
    const { problems } = await loadFrom(root);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(problems[0]?.error.message ?? "", /plugin 'otai-boom' failed to load: boom at import/);
    assert.ok(wasImported(root, "otai-boom"));
  });

  it("a module that does not export a plugin definition is OTAI_PLUGIN_LOAD_FAILED", async () => {
    const root = project();
    install(root, { name: "otai-empty", body: "export default { hello: 'world' };" });
    const { problems } = await loadFrom(root);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(problems[0]?.error.message ?? "", /does not default-export definePlugin/);
  });

  it("a setup() that throws is OTAI_PLUGIN_LOAD_FAILED 'failed in setup'", async () => {
    const root = project();
    install(root, {
      name: "otai-bad-setup",
      body: 'export default { name: "otai-bad-setup", version: "1.0.0", prefix: "bad", apiVersion: "^1.0.0", setup() { throw new Error("no"); } };',
    });
    const { problems } = await loadFrom(root);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(problems[0]?.error.message ?? "", /plugin 'otai-bad-setup' failed in setup: no/);
  });

  it("a missing plugin module file is OTAI_PLUGIN_LOAD_FAILED", async () => {
    const root = project();
    const dir = install(root, { name: "otai-gone" });
    rmSync(join(dir, "plugin.mjs"));
    const { problems } = await loadFrom(root);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(problems[0]?.error.message ?? "", /plugin 'otai-gone' failed to load/);
  });

  it("in-process plugins with clashing ids (the same stand-in twice) make prepare reject with OTAI_PLUGIN_LOAD_FAILED", async () => {
    const root = project("open_ticket_ai:\n  orchestrator: { use: base:CompositePipe }\n");
    await assert.rejects(
      prepare({ cwd: root, environment: {}, discover: false, plugins: [fakeOtoboZnunyPlugin, fakeOtoboZnunyPlugin] }),
      (error) => isOtaiError(error) && error.code === "OTAI_PLUGIN_LOAD_FAILED",
    );
  });
});

describe("TypeScript plugin modules", () => {
  const tsBody = (
    name: string,
  ) => `const plugin: { name: string; version: string; prefix: string; apiVersion: string; setup(api: { register(c: unknown): void }): void } = {
  name: ${JSON.stringify(name)},
  version: "1.0.0",
  prefix: "tsplug",
  apiVersion: "^1.0.0",
  setup(api) {
    api.register({ kind: "service", name: "TsService", params: z.object({}).strict(), create: () => ({}) });
  },
};
export default plugin;`;

  it("a .ts plugin in a symlinked package (workspace or npm link) loads", async () => {
    const root = project();
    const real = join(root, "packages", "otai-tsplug");
    mkdirSync(join(real, "src"), { recursive: true });
    writeFileSync(
      join(real, "package.json"),
      JSON.stringify({
        name: "otai-tsplug",
        version: "1.0.0",
        type: "module",
        otai: { plugin: "./src/plugin.ts", apiVersion: "^1.0.0" },
      }),
    );
    writeFileSync(
      join(real, "src", "plugin.ts"),
      moduleSource(root, { name: "otai-tsplug", body: tsBody("otai-tsplug") }),
    );
    symlinkSync(real, join(root, "node_modules", "otai-tsplug"), "dir");
    const { problems, registry } = await loadFrom(join(root, "packages"));
    assert.deepEqual(problems, []);
    assert.ok(registry.resolve("tsplug:TsService"));
  });

  it("a .ts plugin installed into node_modules (not linked) is refused with a message that says to ship JavaScript", async () => {
    const root = project();
    install(root, {
      name: "otai-tsplug",
      file: "src/plugin.ts",
      body: tsBody("otai-tsplug"),
      manifestApiVersion: "^1.0.0",
    });
    const { problems, registry } = await loadFrom(root);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.error.code, "OTAI_PLUGIN_LOAD_FAILED");
    assert.match(problems[0]?.error.message ?? "", /must ship JavaScript/);
    assert.equal(registry.resolve("tsplug:TsService"), undefined);
  });
});

describe("registry", () => {
  it("ids are <prefix>:<Name>; resolve, ids, components and plugins list what was added (stand-in component)", () => {
    const registry = createRegistry();
    const info = { name: "otai-x", version: "1.0.0", prefix: "x", apiVersion: "^1.0.0", source: "test" };
    const entry = registry.add(info, FakeHFClassificationService, ["x:Alias"]);
    assert.equal(entry.id, "x:HFClassificationService");
    assert.equal(registry.resolve("x:Alias"), entry);
    assert.equal(registry.resolve("x:Nope"), undefined);
    assert.deepEqual(registry.ids(), ["x:HFClassificationService", "x:Alias"]);
    assert.deepEqual(registry.components(), [entry]);
    assert.deepEqual(registry.plugins(), [info]);
    assert.throws(
      () => registry.add(info, FakeHFClassificationService),
      (error) => isOtaiError(error) && error.code === "OTAI_PLUGIN_LOAD_FAILED",
    );
  });
});

describe("loadRegistry and otai plugins", () => {
  it("loadRegistry finds discovered plugins and reports refused ones, without a config", async () => {
    const root = project();
    install(root, { name: "otai-foo" });
    install(root, { name: "otai-future", manifestApiVersion: "^2.0.0", body: 'throw new Error("never");' });
    const { registry, plugins, problems } = await loadRegistry({ cwd: root });
    assert.ok(plugins.some((p) => p.name === "otai-foo"));
    assert.ok(registry.resolve("foo:FooService"));
    assert.deepEqual(
      problems.map((p) => p.error.code),
      ["OTAI_PLUGIN_INCOMPATIBLE"],
    );
  });

  it("otai plugins --json lists the base components with their kinds", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["plugins", "--json"], { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    const data = JSON.parse(out.join("")) as {
      plugins: { name: string; prefix: string; components: { id: string; kind: string; aliases: string[] }[] }[];
      problems: unknown[];
    };
    assert.deepEqual(data.problems, []);
    const base = data.plugins.find((p) => p.name === "@otai/core");
    assert.equal(base?.prefix, "base");
    const kinds = Object.fromEntries((base?.components ?? []).map((c) => [c.id, c.kind]));
    assert.deepEqual(kinds, {
      "base:SimpleSequentialOrchestrator": "pipe",
      "base:SimpleSequentialRunner": "pipe",
      "base:CompositePipe": "pipe",
      "base:ExpressionPipe": "pipe",
      "base:IntervalTrigger": "trigger",
      "base:FetchTicketsPipe": "pipe",
      "base:UpdateTicketPipe": "pipe",
      "base:AddNotePipe": "pipe",
      "base:ClassificationPipe": "pipe",
      "base:DecidePipe": "pipe",
      "base:ApplyDecisionsPipe": "pipe",
      "base:CronTrigger": "trigger",
      "base:WebhookTrigger": "trigger",
      "base:ForEachTicketPipe": "pipe",
      "base:JinjaRenderer": "template-renderer",
      "base:InMemoryTicketSystemService": "ticket-system",
      "base:JsonlTicketSystemService": "ticket-system",
    });
  });

  it("otai plugins --json lists in-process stand-in plugins with their components", async () => {
    const out: string[] = [];
    const code = await main(["plugins", "--json"], { out: (t) => out.push(t), err: () => {}, isTTY: false }, [
      fakeOtoboZnunyPlugin,
      fakeHfLocalPlugin,
    ]);
    assert.equal(code, 0);
    const data = JSON.parse(out.join("")) as {
      plugins: { name: string; components: { id: string; kind: string }[] }[];
    };
    const components = (name: string) => data.plugins.find((p) => p.name === name)?.components;
    assert.deepEqual(components("otai-otobo-znuny"), [
      { id: "otobo-znuny:OTOBOZnunyTicketSystemService", kind: "ticket-system", aliases: [] },
    ]);
    assert.deepEqual(components("otai-hf-local"), [
      { id: "hf-local:HFClassificationService", kind: "classifier", aliases: [] },
    ]);
  });

  it("otai plugins (text) prints one line per component", async () => {
    const out: string[] = [];
    const code = await main(["plugins"], { out: (t) => out.push(t), err: () => {}, isTTY: false });
    assert.equal(code, 0);
    assert.match(out[0] ?? "", /^@otai\/core 0\.1\.0 {2}\(prefix 'base', API \^1\.0\.0, built-in\)/);
    assert.ok(out.some((line) => /^ {2}base:IntervalTrigger\s+trigger/.test(line)));
  });
});

describe("stand-in plugins from @otai/testkit (fakes, not adapters)", () => {
  const context = {
    id: "x",
    logger: pino({ level: "silent" }),
    services: {},
    baseDir: "/",
    secrets: createSecretRegistry(),
  };

  it("stand-in otai-otobo-znuny has the Python service's params and defaults", async () => {
    const params = FakeOTOBOZnunyTicketSystemService.params.parse({
      base_url: "http://h/nph-genericinterface.pl",
      password: 1234,
    });
    assert.deepEqual(params, {
      base_url: "http://h/nph-genericinterface.pl",
      password: "1234",
      username: "open_ticket_ai",
      webservice_name: "OpenTicketAI",
    });
    assert.equal(FakeOTOBOZnunyTicketSystemService.params.safeParse({ base_url: "x" }).success, false);
    assert.equal(
      FakeOTOBOZnunyTicketSystemService.params.safeParse({
        base_url: "x",
        password: "p",
        operation_urls: { TicketSearch: "ticket-search" },
      }).success,
      true,
    );
    const system = await FakeOTOBOZnunyTicketSystemService.create(params, context);
    assert.equal(typeof system.find, "function");
    assert.deepEqual(fakeOtoboZnunyPlugin.prefix, "otobo-znuny");
  });

  it("stand-in otai-hf-local classifies deterministically, with confidences in [0, 1]", async () => {
    assert.deepEqual(FakeHFClassificationService.params.parse({}), {});
    assert.equal(FakeHFClassificationService.params.safeParse({ model: "x" }).success, false);
    const classifier = await FakeHFClassificationService.create({}, context);
    const [first] = await classifier.classify([{ text: "Rechnung falsch", top_k: 2 }]);
    const [again] = await classifier.classify([{ text: "Rechnung falsch", top_k: 2 }]);
    assert.deepEqual(first, again);
    assert.ok(first && first.confidence >= 0 && first.confidence <= 1);
    assert.equal(first?.scores.length, 2);
    assert.equal(first?.scores[0]?.label, first?.label);
    assert.equal(fakeHfLocalPlugin.prefix, "hf-local");
  });
});
