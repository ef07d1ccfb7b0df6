import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { discoverPlugins, nodeModulesChain } from "./discover.ts";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  // realpath: on some systems the temp dir itself is behind a symlink.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "otai-discover-test-")));
  dirs.push(dir);
  return dir;
}

function writePackage(dir: string, manifest: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), typeof manifest === "string" ? manifest : JSON.stringify(manifest));
}

const ours = (root: string) => (c: { dir: string }) => c.dir.startsWith(root);

describe("discoverPlugins", () => {
  it("finds packages with an otai field, scoped ones too, and ignores the rest", () => {
    const root = tempDir();
    const nm = join(root, "node_modules");
    writePackage(join(nm, "otai-foo"), {
      name: "otai-foo",
      version: "1.2.3",
      otai: { plugin: "./dist/plugin.mjs", apiVersion: "^1.0.0" },
    });
    writePackage(join(nm, "@acme", "otai-bar"), {
      name: "@acme/otai-bar",
      version: "0.4.0",
      otai: { plugin: "plugin.mjs" },
    });
    writePackage(join(nm, "left-pad"), { name: "left-pad", version: "1.0.0" });
    writePackage(join(nm, "otai-no-entry"), { name: "otai-no-entry", otai: { apiVersion: "^1.0.0" } });
    writePackage(join(nm, "no-name"), { otai: { plugin: "./p.mjs" } });
    writePackage(join(nm, "broken-json"), "{ not json");
    mkdirSync(join(nm, ".bin"), { recursive: true });
    mkdirSync(join(nm, "no-manifest"), { recursive: true });

    const found = discoverPlugins([root]).filter(ours(root));
    assert.deepEqual(found.map((c) => c.packageName).sort(), ["@acme/otai-bar", "otai-foo"]);
    const foo = found.find((c) => c.packageName === "otai-foo");
    assert.deepEqual(foo, {
      packageName: "otai-foo",
      version: "1.2.3",
      entry: join(nm, "otai-foo", "dist", "plugin.mjs"),
      apiVersion: "^1.0.0",
      dir: join(nm, "otai-foo"),
    });
    const bar = found.find((c) => c.packageName === "@acme/otai-bar");
    assert.equal(bar?.entry, join(nm, "@acme", "otai-bar", "plugin.mjs"));
    assert.equal(bar?.apiVersion, undefined);
  });

  it("a package without a version is 0.0.0", () => {
    const root = tempDir();
    writePackage(join(root, "node_modules", "otai-x"), { name: "otai-x", otai: { plugin: "./p.mjs" } });
    assert.equal(discoverPlugins([root]).find(ours(root))?.version, "0.0.0");
  });

  it("looks in node_modules of every parent directory, nearest first, each package once", () => {
    const root = tempDir();
    const app = join(root, "app", "sub");
    mkdirSync(app, { recursive: true });
    writePackage(join(root, "node_modules", "otai-foo"), {
      name: "otai-foo",
      version: "1.0.0",
      otai: { plugin: "p.mjs" },
    });
    writePackage(join(root, "app", "node_modules", "otai-foo"), {
      name: "otai-foo",
      version: "2.0.0",
      otai: { plugin: "p.mjs" },
    });
    writePackage(join(root, "node_modules", "otai-top"), {
      name: "otai-top",
      version: "1.0.0",
      otai: { plugin: "p.mjs" },
    });
    const found = discoverPlugins([app]).filter(ours(root));
    assert.deepEqual(
      found.map((c) => `${c.packageName}@${c.version}`),
      ["otai-foo@2.0.0", "otai-top@1.0.0"],
    );
  });

  it("several start directories are searched in order, without repeating a package", () => {
    const a = tempDir();
    const b = tempDir();
    writePackage(join(a, "node_modules", "otai-foo"), {
      name: "otai-foo",
      version: "1.0.0",
      otai: { plugin: "p.mjs" },
    });
    writePackage(join(b, "node_modules", "otai-foo"), {
      name: "otai-foo",
      version: "9.0.0",
      otai: { plugin: "p.mjs" },
    });
    writePackage(join(b, "node_modules", "otai-bar"), {
      name: "otai-bar",
      version: "1.0.0",
      otai: { plugin: "p.mjs" },
    });
    const found = discoverPlugins([a, b]).filter((c) => c.dir.startsWith(a) || c.dir.startsWith(b));
    assert.deepEqual(
      found.map((c) => `${c.packageName}@${c.version}`),
      ["otai-foo@1.0.0", "otai-bar@1.0.0"],
    );
  });

  it("a symlinked package (workspace, npm link) is reported at its real path, with its entry there", () => {
    const root = tempDir();
    const real = join(root, "packages", "otai-linked");
    writePackage(real, { name: "otai-linked", version: "1.0.0", otai: { plugin: "./src/plugin.ts" } });
    mkdirSync(join(root, "app", "node_modules"), { recursive: true });
    symlinkSync(real, join(root, "app", "node_modules", "otai-linked"), "dir");
    const found = discoverPlugins([join(root, "app")]).find(ours(root));
    assert.equal(found?.dir, real);
    assert.equal(found?.entry, join(real, "src", "plugin.ts"));
  });

  it("a missing directory finds nothing and does not throw", () => {
    const root = tempDir();
    assert.deepEqual(discoverPlugins([join(root, "does", "not", "exist")]).filter(ours(root)), []);
  });
});

describe("nodeModulesChain", () => {
  it("lists node_modules from the start directory up to the root", () => {
    assert.deepEqual(nodeModulesChain("/a/b"), ["/a/b/node_modules", "/a/node_modules", "/node_modules"]);
    assert.deepEqual(nodeModulesChain("/"), ["/node_modules"]);
  });
});
