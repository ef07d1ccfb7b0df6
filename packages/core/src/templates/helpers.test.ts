import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { emptyContext, withParent, withPipeResult } from "../contracts/pipe-context.ts";
import type { PipeResult } from "../contracts/pipe-result.ts";
import { failure, skipped, success } from "../contracts/pipe-result.ts";
import { isOtaiError } from "../errors.ts";
import { createHelpers, type RenderFrame } from "./helpers.ts";
import { createTemplateRenderer, FAIL } from "./renderer.ts";

const env = { OTAI_TOKEN: "tok-123", EMPTY_VAR: "" };
const renderer = createTemplateRenderer({ env });

const throwsTemplateError = (fn: () => unknown, ...patterns: RegExp[]) =>
  assert.throws(fn, (error: unknown) => {
    assert.ok(isOtaiError(error), `expected an OtaiError, got ${String(error)}`);
    assert.equal(error.code, "OTAI_TEMPLATE_ERROR");
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });

const results: Record<string, PipeResult> = {
  fetch: success(
    { value: 5, other: "o", nul: null, flag: false, zero: 0, empty: "", nested: { x: { y: [1, { z: 2 }] } } },
    "fetched",
  ),
  broken: failure("boom"),
  skip: skipped("not today"),
  // A result that did not succeed but was skipped does not count as failed (OTAI's has_failed()).
  skippedFailure: { succeeded: false, was_skipped: true, message: "", data: {} },
};
const ctx: PipeContext = Object.entries(results).reduce<PipeContext>(
  (acc, [id, result]) => withPipeResult(acc, id, result),
  emptyContext(),
);
const render = (source: string, context: PipeContext = ctx) => renderer.render(source, context);

describe("get_env", () => {
  it("returns a set variable, also an empty one", () => {
    assert.equal(render("{{ get_env('OTAI_TOKEN') }}"), "tok-123");
    assert.equal(render("Bearer {{ get_env('OTAI_TOKEN') }}"), "Bearer tok-123");
    assert.equal(render("{{ get_env('EMPTY_VAR') }}"), "");
  });

  it("an unset variable is an error naming the variable", () => {
    throwsTemplateError(
      () => render("{{ get_env('OTAI_NOT_SET') }}"),
      /environment variable 'OTAI_NOT_SET' is not set/,
    );
    throwsTemplateError(() => render("x {{ get_env('OTAI_NOT_SET') }}"), /'OTAI_NOT_SET'/);
  });

  it("the error cannot be masked with default or is defined", () => {
    throwsTemplateError(() => render("{{ get_env('OTAI_NOT_SET')|default('x') }}"), /'OTAI_NOT_SET' is not set/);
    throwsTemplateError(() => render("{{ get_env('OTAI_NOT_SET') is defined }}"), /'OTAI_NOT_SET' is not set/);
  });

  it("reads the env it was given, not process.env", () => {
    process.env.OTAI_HELPERS_TEST_ONLY_IN_PROCESS = "leak";
    try {
      throwsTemplateError(() => render("{{ get_env('OTAI_HELPERS_TEST_ONLY_IN_PROCESS') }}"), /is not set/);
    } finally {
      delete process.env.OTAI_HELPERS_TEST_ONLY_IN_PROCESS;
    }
  });

  it("reports every value it returns through onEnvValue (for log redaction)", () => {
    const seen: [string, string][] = [];
    const spy = createTemplateRenderer({ env, onEnvValue: (name, value) => seen.push([name, value]) });
    assert.equal(spy.render("{{ get_env('OTAI_TOKEN') }}", emptyContext()), "tok-123");
    assert.deepEqual(seen, [["OTAI_TOKEN", "tok-123"]]);
    throwsTemplateError(() => spy.render("{{ get_env('OTAI_NOT_SET') }}", emptyContext()));
    assert.equal(seen.length, 1, "an unset variable reports nothing");
  });
});

describe("get_pipe_result", () => {
  it("reads data['value'] by default", () => {
    assert.equal(render("{{ get_pipe_result('fetch') }}"), 5);
    assert.equal(render("{{ get_pipe_result('fetch', none) }}"), 5, "a none key means the default");
  });

  it("reads another key positionally, as data_key= or as key=", () => {
    assert.equal(render("{{ get_pipe_result('fetch', 'other') }}"), "o");
    assert.equal(render("{{ get_pipe_result('fetch', data_key='other') }}"), "o");
    assert.equal(render("{{ get_pipe_result('fetch', key='other') }}"), "o");
  });

  it("returns falsy values that are present", () => {
    assert.equal(render("{{ get_pipe_result('fetch', 'flag') }}"), false);
    assert.equal(render("{{ get_pipe_result('fetch', 'zero') }}"), 0);
    assert.equal(render("{{ get_pipe_result('fetch', 'empty') }}"), "");
  });

  it("returns nested data as native values that templates can index", () => {
    assert.deepEqual(render("{{ get_pipe_result('fetch', 'nested') }}"), { x: { y: [1, { z: 2 }] } });
    assert.equal(render("{{ get_pipe_result('fetch', 'nested').x.y[1].z }}"), 2);
    assert.equal(render("{{ get_pipe_result('fetch', 'nested')['x']['y']|length }}"), 2);
  });

  it("a missing pipe is an error listing the results so far", () => {
    throwsTemplateError(
      () => render("{{ get_pipe_result('nope') }}"),
      /pipe 'nope' has no result here \(results so far: fetch, broken, skip, skippedFailure\)/,
    );
    throwsTemplateError(
      () => render("{{ get_pipe_result('nope') }}", emptyContext()),
      /pipe 'nope' has no result here \(no step has run before this one\)/,
    );
  });

  it("a missing key is an error listing the keys and the pipe's message", () => {
    throwsTemplateError(
      () => render("{{ get_pipe_result('fetch', 'missing') }}"),
      /pipe 'fetch' has no 'missing' in its result \(it has: value, other, nul, flag, zero, empty, nested\); its message: fetched/,
    );
    throwsTemplateError(
      () => render("{{ get_pipe_result('broken') }}"),
      /pipe 'broken' has no 'value' in its result \(its data is empty\); its message: boom/,
    );
  });

  it("a null value is an error, like a missing one", () => {
    throwsTemplateError(() => render("{{ get_pipe_result('fetch', 'nul') }}"), /pipe 'fetch' has no 'nul'/);
    throwsTemplateError(() => render("{{ get_pipe_result('fetch', data_key='nul') }}"), /has no 'nul'/);
  });
});

describe("inherited names are not pipe ids or data keys", () => {
  it("has_failed / was_skipped / get_pipe_message / get_pipe_result of 'constructor' or '__proto__' are 'no result' errors", () => {
    for (const id of ["constructor", "__proto__", "toString"]) {
      for (const helper of ["has_failed", "was_skipped", "get_pipe_message", "get_pipe_result"]) {
        throwsTemplateError(() => render(`{{ ${helper}('${id}') }}`), new RegExp(`pipe '${id}' has no result here`));
      }
    }
  });

  it("get_pipe_result with an inherited key name is a missing-key error", () => {
    throwsTemplateError(() => render("{{ get_pipe_result('fetch', 'constructor') }}"), /has no 'constructor'/);
    throwsTemplateError(() => render("{{ get_pipe_result('fetch', '__proto__') }}"), /has no '__proto__'/);
    throwsTemplateError(() => render("{{ get_pipe_result('fetch', 'toString') }}"), /has no 'toString'/);
  });
});

describe("has_failed, was_skipped, get_pipe_message", () => {
  it("has_failed is true only for a failure that was not skipped", () => {
    assert.equal(render("{{ has_failed('fetch') }}"), false);
    assert.equal(render("{{ has_failed('broken') }}"), true);
    assert.equal(render("{{ has_failed('skip') }}"), false);
    assert.equal(render("{{ has_failed('skippedFailure') }}"), false);
  });

  it("was_skipped", () => {
    assert.equal(render("{{ was_skipped('skip') }}"), true);
    assert.equal(render("{{ was_skipped('fetch') }}"), false);
    assert.equal(render("{{ was_skipped('broken') }}"), false);
  });

  it("get_pipe_message", () => {
    assert.equal(render("{{ get_pipe_message('fetch') }}"), "fetched");
    assert.equal(render("{{ get_pipe_message('broken') }}"), "boom");
    assert.equal(render("{{ get_pipe_message('skip') }}"), "not today");
    assert.equal(render("{{ get_pipe_message('skippedFailure') }}"), "");
  });

  it("usable in conditions and text", () => {
    assert.equal(
      render("{% if has_failed('broken') %}failed: {{ get_pipe_message('broken') }}{% else %}ok{% endif %}"),
      "failed: boom",
    );
  });

  it("each is an error for an unknown pipe", () => {
    for (const helper of ["has_failed", "was_skipped", "get_pipe_message"]) {
      throwsTemplateError(() => render(`{{ ${helper}('nope') }}`), /pipe 'nope' has no result here/);
    }
  });
});

describe("get_parent_param", () => {
  const parented = withParent(ctx, { threshold: 0.8, nested: { k: [1, 2] }, nothing: null });

  it("reads a parent param, including nested and null values", () => {
    assert.equal(render("{{ get_parent_param('threshold') }}", parented), 0.8);
    assert.deepEqual(render("{{ get_parent_param('nested') }}", parented), { k: [1, 2] });
    assert.equal(render("{{ get_parent_param('nothing') }}", parented), null);
    assert.equal(render("{{ get_pipe_result('fetch') > get_parent_param('threshold') }}", parented), true);
  });

  it("a missing key is an error listing the parent params", () => {
    throwsTemplateError(
      () => render("{{ get_parent_param('nope') }}", parented),
      /parent param 'nope' not found \(parent params: threshold, nested, nothing\)/,
    );
    throwsTemplateError(() => render("{{ get_parent_param('nope') }}", withParent(ctx, {})), /parent params: none/);
  });

  it("does not read inherited properties", () => {
    throwsTemplateError(() => render("{{ get_parent_param('constructor') }}", parented), /'constructor' not found/);
    throwsTemplateError(() => render("{{ get_parent_param('toString') }}", parented), /'toString' not found/);
  });

  it("without a parent it is an error", () => {
    throwsTemplateError(() => render("{{ get_parent_param('threshold') }}"), /there are no parent params here/);
  });
});

describe("at_path", () => {
  it("looks up a dotted path in dicts, lists and helper results", () => {
    assert.equal(render("{{ at_path({'a': {'b': {'c': 3}}}, 'a.b.c') }}"), 3);
    assert.deepEqual(render("{{ at_path({'a': {'b': [1, 2]}}, 'a.b') }}"), [1, 2]);
    assert.equal(render("{{ at_path({'a': [5, 6]}, 'a.1') }}"), 6);
    assert.deepEqual(render("{{ at_path(get_pipe_result('fetch', 'nested'), 'x.y') }}"), [1, { z: 2 }]);
    assert.equal(render("{{ at_path(get_pipe_result('fetch', 'nested'), 'x.y.1.z') }}"), 2);
    assert.equal(render("{{ at_path({'a': none}, 'a') }}"), null);
  });

  it("a missing segment is an error naming the path up to it", () => {
    throwsTemplateError(() => render("{{ at_path({'a': {'b': 3}}, 'a.c') }}"), /at_path: 'a\.c' not found/);
    throwsTemplateError(() => render("{{ at_path({'a': {'b': 3}}, 'x.b') }}"), /at_path: 'x' not found/);
    throwsTemplateError(() => render("{{ at_path({'a': 'str'}, 'a.length') }}"), /at_path: 'a\.length' not found/);
    throwsTemplateError(() => render("{{ at_path(none, 'a') }}"), /at_path: 'a' not found/);
  });

  it("does not follow inherited properties", () => {
    throwsTemplateError(() => render("{{ at_path({}, 'constructor') }}"), /'constructor' not found/);
    throwsTemplateError(() => render("{{ at_path({}, '__proto__') }}"), /'__proto__' not found/);
    throwsTemplateError(() => render("{{ at_path({'a': {}}, 'a.constructor.name') }}"), /'a\.constructor' not found/);
  });

  it("a dict key named __proto__ is plain data", () => {
    assert.equal(render("{{ at_path({'__proto__': {'x': 1}}, '__proto__.x') }}"), 1);
  });
});

describe("fail and now", () => {
  it("fail() in a single expression returns FAIL", () => {
    assert.equal(render("{{ fail() }}"), FAIL);
    assert.equal(render("{{ fail() if has_failed('broken') else 'fine' }}"), FAIL);
    assert.equal(render("{{ fail() if has_failed('fetch') else 'fine' }}"), "fine");
  });

  it("a render after fail() is not marked failed", () => {
    assert.equal(render("{{ fail() }}"), FAIL);
    assert.equal(render("{{ none }}"), null);
  });

  it("now() returns the current time as an ISO-8601 string", () => {
    const before = Date.now();
    const value = render("{{ now() }}");
    const after = Date.now();
    assert.equal(typeof value, "string");
    assert.match(value as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const time = Date.parse(value as string);
    assert.ok(time >= before && time <= after, `${value} is not between ${before} and ${after}`);
  });

  it("now() uses the injected clock", () => {
    const fixed = new Date("2024-05-06T07:08:09.010Z");
    const clocked = createTemplateRenderer({ env, now: () => fixed });
    assert.equal(clocked.render("{{ now() }}", emptyContext()), fixed.toISOString());
    assert.equal(clocked.render("at {{ now()[:10] }}", emptyContext()), "at 2024-05-06");
  });
});

describe("createHelpers directly", () => {
  const frame: RenderFrame = { context: ctx, failed: false };
  const helpers = createHelpers(() => frame, { env });

  it("exposes exactly the documented helpers", () => {
    assert.deepEqual(Object.keys(helpers).sort(), [
      "at_path",
      "fail",
      "get_env",
      "get_parent_param",
      "get_pipe_message",
      "get_pipe_result",
      "has_failed",
      "now",
      "was_skipped",
    ]);
  });

  it("fail() marks the frame failed and returns null", () => {
    const own: RenderFrame = { context: ctx, failed: false };
    const fail = createHelpers(() => own, { env }).fail;
    assert.ok(fail);
    assert.equal(fail(), null);
    assert.equal(own.failed, true);
  });

  it("get_pipe_result reads keyword arguments from a trailing Map (how the engine passes them)", () => {
    const get = helpers.get_pipe_result;
    assert.ok(get);
    assert.equal(get("fetch", new Map([["data_key", "other"]])), "o");
    assert.equal(get("fetch", new Map([["key", "other"]])), "o");
    assert.equal(get("fetch", "other"), "o");
    assert.equal(get("fetch"), 5);
  });

  it("get_pipe_result returns plain copies, never the stored objects", () => {
    const get = helpers.get_pipe_result;
    assert.ok(get);
    const copy = get("fetch", "nested") as { x: unknown };
    assert.deepEqual(copy, results.fetch?.data.nested);
    assert.notEqual(copy, results.fetch?.data.nested);
  });

  it("at_path accepts engine dicts (Maps)", () => {
    const atPath = helpers.at_path;
    assert.ok(atPath);
    assert.deepEqual(atPath(new Map<string, unknown>([["a", new Map([["b", [1]]])]]), "a.b"), [1]);
  });
});
