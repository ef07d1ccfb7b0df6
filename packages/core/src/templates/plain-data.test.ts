import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYamlWithSource } from "../config/source.ts";
import { fromEngineValue, toPlainData } from "./plain-data.ts";

describe("toPlainData: scalars", () => {
  it("keeps strings, booleans and finite numbers", () => {
    assert.equal(toPlainData("s"), "s");
    assert.equal(toPlainData(""), "");
    assert.equal(toPlainData(true), true);
    assert.equal(toPlainData(0), 0);
    assert.equal(toPlainData(-1.5), -1.5);
  });

  it("turns null, undefined and non-finite numbers into null", () => {
    assert.equal(toPlainData(null), null);
    assert.equal(toPlainData(undefined), null);
    assert.equal(toPlainData(Number.NaN), null);
    assert.equal(toPlainData(Number.POSITIVE_INFINITY), null);
  });

  it("turns bigints into strings and drops symbols and functions", () => {
    assert.equal(toPlainData(10n), "10");
    assert.equal(toPlainData(Symbol("s")), undefined);
    assert.equal(
      toPlainData(() => 1),
      undefined,
    );
  });

  it("turns Dates into ISO strings, invalid Dates into null", () => {
    assert.equal(toPlainData(new Date(0)), "1970-01-01T00:00:00.000Z");
    assert.equal(toPlainData(new Date("not a date")), null);
  });
});

describe("toPlainData: containers", () => {
  it("deep-copies plain objects and arrays", () => {
    const input = { a: 1, b: [1, { c: "d" }], e: { f: null } };
    const out = toPlainData(input) as typeof input;
    assert.deepEqual(out, input);
    assert.notEqual(out, input);
    assert.notEqual(out.b, input.b);
    assert.notEqual(out.e, input.e);
  });

  it("drops functions, symbols and class instances inside objects; nulls them inside arrays", () => {
    class Service {
      secret = "s";
      call() {
        return this.secret;
      }
    }
    const out = toPlainData({
      keep: 1,
      fn: () => 1,
      sym: Symbol("x"),
      svc: new Service(),
      list: [1, () => 2, new Service(), "x"],
      [Symbol("key")]: "symbol-keyed",
    });
    assert.deepEqual(out, { keep: 1, list: [1, null, null, "x"] });
  });

  it("drops objects whose prototype is not Object.prototype or null", () => {
    const derived = Object.create({ inherited: 1 }) as Record<string, unknown>;
    derived.own = 2;
    assert.equal(toPlainData(derived), undefined);
    assert.equal(toPlainData(new Error("e")), undefined);
    assert.equal(toPlainData(new Set([1])), undefined);
    assert.equal(toPlainData(/re/), undefined);
    assert.equal(toPlainData(new Uint8Array(2)), undefined);
  });

  it("keeps null-prototype objects, as plain objects", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { z: 1 });
    const out = toPlainData({ bare });
    assert.deepEqual(out, { bare: { z: 1 } });
  });

  it("keeps only own enumerable string keys", () => {
    const input: Record<string, unknown> = { visible: 1 };
    Object.defineProperty(input, "hidden", { value: 2, enumerable: false });
    assert.deepEqual(toPlainData(input), { visible: 1 });
  });

  it("turns undefined property values into null", () => {
    assert.deepEqual(toPlainData({ a: undefined }), { a: null });
  });

  it("converts Maps into objects, with stringified keys and converted values", () => {
    const out = toPlainData(
      new Map<unknown, unknown>([
        ["k", 1],
        [2, new Date(0)],
        ["nested", new Map([["x", [1]]])],
      ]),
    );
    assert.deepEqual(out, { k: 1, "2": "1970-01-01T00:00:00.000Z", nested: { x: [1] } });
  });

  it("drops cycles but keeps shared (acyclic) references", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, 2];
    assert.deepEqual(toPlainData(cyclic), { a: 1, list: [null, 2] });

    const shared = { v: 1 };
    assert.deepEqual(toPlainData({ x: shared, y: [shared, shared] }), { x: { v: 1 }, y: [{ v: 1 }, { v: 1 }] });
  });

  it("never runs a getter on an object", () => {
    let ran = 0;
    const input = {
      plain: 1,
      get boom() {
        ran++;
        return "side effect";
      },
    };
    assert.deepEqual(toPlainData(input), { plain: 1 });
    assert.equal(ran, 0);
  });

  it("never runs a getter on an array index", () => {
    let ran = 0;
    const list: unknown[] = ["a"];
    Object.defineProperty(list, 0, {
      enumerable: true,
      get() {
        ran++;
        return "from getter";
      },
    });
    const out = toPlainData({ list }) as { list: unknown[] };
    assert.equal(ran, 0, "the getter ran");
    assert.notEqual(out.list[0], "from getter");
  });

  it("never runs a Map key's toString", () => {
    let ran = 0;
    const key = {
      toString() {
        ran++;
        return "k";
      },
    };
    toPlainData(new Map([[key, 1]]));
    assert.equal(ran, 0, "the key's toString ran");
  });

  it("never runs a function stored on a Date", () => {
    let ran = 0;
    const date = Object.assign(new Date(0), {
      toISOString() {
        ran++;
        return "hijacked";
      },
    });
    const out = toPlainData({ date }) as { date: unknown };
    assert.equal(ran, 0, "the Date's toISOString ran");
    assert.equal(out.date, "1970-01-01T00:00:00.000Z");
  });

  it("does not iterate Map subclasses (class instances) with their own iterator", () => {
    let ran = 0;
    class Tracking extends Map<string, number> {
      override *[Symbol.iterator](): MapIterator<[string, number]> {
        ran++;
        yield ["x", 1];
      }
    }
    toPlainData({ m: new Tracking() });
    assert.equal(ran, 0, "the subclass iterator ran");
  });

  it("never runs toJSON or toString of data", () => {
    let ran = 0;
    const input = {
      toJSON() {
        ran++;
        return "json";
      },
      toString() {
        ran++;
        return "string";
      },
      v: 1,
    };
    assert.deepEqual(toPlainData(input), { v: 1 });
    assert.equal(ran, 0);
  });

  it("keeps a __proto__ key as plain data without changing the prototype", () => {
    const { value } = parseYamlWithSource("__proto__:\n  polluted: true\nname: x\n", "p.yml");
    const out = toPlainData(value) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ["__proto__", "name"]);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { polluted: true });
    assert.equal((out as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);

    const fromJson = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const copy = toPlainData(fromJson) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.ok(Object.hasOwn(copy, "__proto__"));
  });

  it("a __proto__ Map key stays data too", () => {
    const out = toPlainData(new Map([["__proto__", { x: 1 }]])) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out, "__proto__"));
  });
});

describe("fromEngineValue", () => {
  it("turns Maps (engine dicts) into plain objects, deeply, also inside arrays", () => {
    const out = fromEngineValue(
      new Map<string, unknown>([
        ["a", new Map([["b", 1]])],
        ["list", [new Map([["c", 2]]), 3]],
      ]),
    );
    assert.deepEqual(out, { a: { b: 1 }, list: [{ c: 2 }, 3] });
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  });

  it("passes scalars through", () => {
    assert.equal(fromEngineValue("s"), "s");
    assert.equal(fromEngineValue(1), 1);
    assert.equal(fromEngineValue(null), null);
  });

  it("keeps a __proto__ key as data", () => {
    const out = fromEngineValue(new Map([["__proto__", 1]])) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, 1);
  });
});
