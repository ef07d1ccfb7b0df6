import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYamlWithSource } from "../config/source.ts";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { emptyContext, withParent, withPipeResult } from "../contracts/pipe-context.ts";
import { success } from "../contracts/pipe-result.ts";
import { UnifiedTicketSchema } from "../contracts/ticket.ts";
import { isOtaiError } from "../errors.ts";
import { createTemplateRenderer, FAIL } from "./renderer.ts";

const renderer = createTemplateRenderer({ env: {} });

const context = (params: Record<string, unknown> = {}): PipeContext => ({ ...emptyContext(), params });

const ticketParams = {
  t: { queue: { name: "Support", id: "7" }, subject: "Login fails", tags: ["vpn", "login"] },
  xs: [10, 20, 30],
  n: 7,
};

const render = (source: string, ctx: PipeContext = context(ticketParams)) => renderer.render(source, ctx);

/** Asserts `fn` throws an OTAI_TEMPLATE_ERROR whose message matches every pattern. */
const throwsTemplateError = (fn: () => unknown, ...patterns: RegExp[]) =>
  assert.throws(fn, (error: unknown) => {
    assert.ok(isOtaiError(error), `expected an OtaiError, got ${String(error)}`);
    assert.equal(error.code, "OTAI_TEMPLATE_ERROR");
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });

/** Line and column (1-based) of the first occurrence of `snippet` in `text`: where a YAML value starts. */
const locate = (text: string, snippet: string): { line: number; col: number } => {
  const offset = text.indexOf(snippet);
  assert.ok(offset >= 0, `snippet ${snippet} not in text`);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
};

describe("expression language: literals", () => {
  it("evaluates string, number, boolean and none literals to native values", () => {
    assert.equal(render("{{ 'text' }}"), "text");
    assert.equal(render('{{ "double" }}'), "double");
    assert.equal(render("{{ 42 }}"), 42);
    assert.equal(render("{{ -3 }}"), -3);
    assert.equal(render("{{ 1.5 }}"), 1.5);
    assert.equal(render("{{ 1e3 }}"), 1000);
    assert.equal(render("{{ true }}"), true);
    assert.equal(render("{{ false }}"), false);
    assert.equal(render("{{ True }}"), true, "Python spelling works (py-compat)");
    assert.equal(render("{{ none }}"), null);
    assert.equal(render("{{ None }}"), null);
  });

  it("evaluates list and dict literals, nested", () => {
    assert.deepEqual(render("{{ [1, 'a', true, none] }}"), [1, "a", true, null]);
    assert.deepEqual(render("{{ [] }}"), []);
    assert.deepEqual(render("{{ {'a': 1, 'b': [1, {'c': 'd'}]} }}"), { a: 1, b: [1, { c: "d" }] });
    assert.deepEqual(render("{{ {} }}"), {});
  });
});

describe("expression language: access", () => {
  it("reads attributes and keys", () => {
    assert.equal(render("{{ params.t.queue.name }}"), "Support");
    assert.equal(render("{{ params.t['subject'] }}"), "Login fails");
    assert.equal(render("{{ params['t']['queue']['id'] }}"), "7");
  });

  it("indexes lists, including negative indexes and slices", () => {
    assert.equal(render("{{ params.xs[0] }}"), 10);
    assert.equal(render("{{ params.xs[-1] }}"), 30);
    assert.deepEqual(render("{{ params.xs[1:] }}"), [20, 30]);
    assert.equal(render("{{ 'abc'[1] }}"), "b");
    assert.equal(render("{{ 'abc'[-1] }}"), "c");
  });

  it("calls functions and methods", () => {
    assert.deepEqual(render("{{ range(3)|list }}"), [0, 1, 2]);
    assert.deepEqual(render("{{ dict(a=1) }}"), { a: 1 });
    assert.equal(render("{{ 'hello'.upper() }}"), "HELLO");
    assert.deepEqual(render("{{ 'a,b'.split(',') }}"), ["a", "b"]);
    assert.deepEqual(render("{{ params.t.queue.keys()|list|sort }}"), ["id", "name"]);
  });
});

describe("expression language: filters", () => {
  it("length", () => {
    assert.equal(render("{{ params.xs|length }}"), 3);
    assert.equal(render("{{ 'abcd'|length }}"), 4);
    assert.equal(render("{{ params.t|length }}"), 3);
  });

  it("round, with and without precision", () => {
    assert.equal(render("{{ 1.23456|round(2) }}"), 1.23);
    assert.equal(render("{{ 1.23456|round(3) }}"), 1.235);
    assert.equal(render("{{ 3.7|round }}"), 4);
    assert.equal(render("{{ 3.2|round }}"), 3);
  });

  it("default: used for undefined values, not for none unless asked", () => {
    assert.equal(render("{{ missing|default('d') }}"), "d");
    assert.equal(render("{{ params.t.nope|default(0) }}"), 0);
    assert.equal(render("{{ params.t.subject|default('d') }}"), "Login fails");
    assert.equal(render("{{ none|default('d') }}"), null);
    assert.equal(render("{{ none|default('d', true) }}"), "d");
    assert.equal(render("{{ ''|default('d', true) }}"), "d");
  });

  it("lower, upper, first, last, join", () => {
    assert.equal(render("{{ 'AbC'|lower }}"), "abc");
    assert.equal(render("{{ 'AbC'|upper }}"), "ABC");
    assert.equal(render("{{ params.xs|first }}"), 10);
    assert.equal(render("{{ params.xs|last }}"), 30);
    assert.equal(render("{{ 'abc'|first }}"), "a");
    assert.equal(render("{{ params.t.tags|join(', ') }}"), "vpn, login");
    assert.equal(render("{{ params.xs|join }}"), "102030");
  });

  it("int, float, string", () => {
    assert.equal(render("{{ '42'|int }}"), 42);
    assert.equal(render("{{ '3.9'|int }}"), 3);
    assert.equal(render("{{ 3.9|int }}"), 3);
    assert.equal(render("{{ '4.5'|float }}"), 4.5);
    assert.equal(render("{{ 42|string }}"), "42");
    assert.equal(render("{{ 3|string ~ 'x' }}"), "3x");
    throwsTemplateError(() => render("{{ 'abc'|int }}"));
  });

  it("tojson yields a JSON string that parses back to the value", () => {
    const json = render("{{ {'a': [1, 'x', none]}|tojson }}");
    assert.equal(typeof json, "string");
    assert.deepEqual(JSON.parse(json as string), { a: [1, "x", null] });
    assert.deepEqual(JSON.parse(render("{{ params.t|tojson }}") as string), ticketParams.t);
  });
});

describe("expression language: operators", () => {
  it("comparisons", () => {
    assert.equal(render("{{ 1 < 2 }}"), true);
    assert.equal(render("{{ 2 <= 1 }}"), false);
    assert.equal(render("{{ 1 == 1.0 }}"), true);
    assert.equal(render("{{ 1 != 2 }}"), true);
    assert.equal(render("{{ 'a' < 'b' }}"), true);
    assert.equal(render("{{ [1] == [1] }}"), true);
    assert.equal(render("{{ params.n > 5 }}"), true);
    assert.equal(render("{{ params.t.queue.name == 'Support' }}"), true);
  });

  it("and, or, not", () => {
    assert.equal(render("{{ true and false }}"), false);
    assert.equal(render("{{ true or false }}"), true);
    assert.equal(render("{{ not true }}"), false);
    assert.equal(render("{{ not [] }}"), true);
    assert.equal(render("{{ 0 or 'x' }}"), "x", "or returns the deciding operand");
    assert.equal(render("{{ params.n > 5 and params.t.subject == 'Login fails' }}"), true);
  });

  it("arithmetic: + - * / // % **", () => {
    assert.equal(render("{{ 7 + 2 }}"), 9);
    assert.equal(render("{{ 7 - 2 }}"), 5);
    assert.equal(render("{{ 7 * 2 }}"), 14);
    assert.equal(render("{{ 7 / 2 }}"), 3.5);
    assert.equal(render("{{ 7 // 2 }}"), 3);
    assert.equal(render("{{ -7 // 2 }}"), -4, "floor division rounds down, as in Python");
    assert.equal(render("{{ 7 % 2 }}"), 1);
    assert.equal(render("{{ -7 % 3 }}"), 2, "modulo follows the divisor's sign, as in Python");
    assert.equal(render("{{ 2 ** 10 }}"), 1024);
    assert.equal(render("{{ (1 + 2) * 3 }}"), 9);
    assert.equal(render("{{ params.n * 2 + 1 }}"), 15);
    assert.equal(render("{{ 'ab' * 2 }}"), "abab");
    assert.deepEqual(render("{{ [1] + [2] }}"), [1, 2]);
  });

  it("~ concatenates as strings", () => {
    assert.equal(render("{{ 'a' ~ 1 ~ true }}"), "a1true");
    assert.equal(render("{{ params.t.queue.name ~ '/' ~ params.t.queue.id }}"), "Support/7");
  });

  it("in / not in on lists, strings and dicts", () => {
    assert.equal(render("{{ 20 in params.xs }}"), true);
    assert.equal(render("{{ 99 in params.xs }}"), false);
    assert.equal(render("{{ 99 not in params.xs }}"), true);
    assert.equal(render("{{ 'vpn' in params.t.tags }}"), true);
    assert.equal(render("{{ 'ell' in 'hello' }}"), true);
    assert.equal(render("{{ 'x' not in 'hello' }}"), true);
    assert.equal(render("{{ 'subject' in params.t }}"), true);
  });

  it("conditional expressions, chained", () => {
    assert.equal(render("{{ 'a' if true else 'b' }}"), "a");
    assert.equal(render("{{ 'a' if false else 'b' }}"), "b");
    assert.equal(render("{{ 'a' if false else 'b' if true else 'c' }}"), "b");
    assert.equal(render("{{ 'a' if false else 'b' if false else 'c' }}"), "c");
    assert.equal(render("{{ 'big' if params.n > 10 else 'mid' if params.n > 5 else 'small' }}"), "mid");
    assert.equal(render("{{ 1 if [] else 2 }}"), 2);
  });

  it("type errors in operators are template errors", () => {
    throwsTemplateError(() => render("{{ 1 + 'a' }}"), /unsupported types/);
  });
});

describe("text templates", () => {
  it("mixed text renders to a string", () => {
    assert.equal(render("Queue: {{ params.t.queue.name }}"), "Queue: Support");
    assert.equal(render("{{ params.n }} items"), "7 items");
    assert.equal(render("{{ 1 }} {{ 2 }}"), "1 2");
    assert.equal(render("{{ 'a' }}{{ 'b' }}"), "ab");
    assert.equal(typeof render("x {{ 1 }}"), "string");
  });

  it("if / elif / else", () => {
    const source = "{% if params.n > 10 %}big{% elif params.n > 5 %}mid{% else %}small{% endif %}";
    assert.equal(render(source), "mid");
    assert.equal(render(source, context({ n: 11 })), "big");
    assert.equal(render(source, context({ n: 1 })), "small");
  });

  it("for loops with loop.index, index0, length, revindex, first, last", () => {
    const out = render(
      "{% for x in params.t.tags %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}/{{ loop.revindex }}/{{ loop.first }}/{{ loop.last }}:{{ x }};{% endfor %}",
    );
    assert.equal(out, "1/0/2/2/true/false:vpn;2/1/2/1/false/true:login;");
  });

  it("for ... else, items(), and loop separators", () => {
    assert.equal(render("{% for x in [] %}x{% else %}empty{% endfor %}"), "empty");
    assert.equal(render("{% for k, v in {'a': 1}|items %}{{ k }}={{ v }}{% endfor %}"), "a=1");
    assert.equal(render("{% for x in params.xs %}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}"), "10,20,30");
  });

  it("set and namespace work inside text templates", () => {
    assert.equal(
      render(
        "{% set ns = namespace(total=0) %}{% for x in params.xs %}{% set ns.total = ns.total + x %}{% endfor %}{{ ns.total }}",
      ),
      "60",
    );
  });

  it("trim_blocks removes the newline after a block tag", () => {
    assert.equal(render("{% if true %}\n  yes\n{% endif %}\nafter"), "  yes\nafter");
    assert.equal(render("{% for x in [1, 2] %}\n{{ x }}\n{% endfor %}\n"), "1\n2\n");
  });

  it("lstrip_blocks strips whitespace before a block tag", () => {
    assert.equal(render("  {% if true %}\nyes\n  {% endif %}\nend"), "yes\nend");
    assert.equal(render("list:\n  {% for x in [1, 2] %}\n  - {{ x }}\n  {% endfor %}\n"), "list:\n  - 1\n  - 2\n");
  });

  it("comments are dropped and whitespace control works", () => {
    assert.equal(render("a {# hidden #} b"), "a  b");
    assert.equal(render("a  {{- 'b' -}}  c"), "abc");
  });

  it("does not HTML-escape output", () => {
    assert.equal(render("a {{ '<b>&\"' }}"), 'a <b>&"');
    assert.equal(render("{{ '<b>&\\'' }}"), "<b>&'");
  });
});

describe("native values", () => {
  it("a single expression returns a list, a dict with null values, numbers, booleans and null", () => {
    const list = render("{{ params.xs }}");
    assert.ok(Array.isArray(list));
    assert.deepEqual(list, [10, 20, 30]);

    const dict = render("{{ {'a': 1, 'b': none, 'c': [none]} }}");
    assert.deepEqual(dict, { a: 1, b: null, c: [null] });
    assert.equal(Object.getPrototypeOf(dict), Object.prototype, "a plain object, not a Map");
    assert.ok(Object.hasOwn(dict as object, "b"), "a key whose value is null is kept");

    assert.equal(render("{{ 3 }}"), 3);
    assert.ok(Number.isInteger(render("{{ 3 }}")));
    assert.equal(render("{{ 2.5 }}"), 2.5);
    assert.equal(render("{{ 10 / 4 }}"), 2.5);
    assert.equal(render("{{ false }}"), false);
    assert.equal(render("{{ none }}"), null);
  });

  it("a single expression surrounded by whitespace or with whitespace control is still native", () => {
    assert.deepEqual(render("  {{ [1] }}\n"), [1]);
    assert.equal(render("{{- 5 -}}"), 5);
    assert.equal(render("{{5}}"), 5);
  });

  it("strings that look like numbers, lists or booleans stay strings (unlike Python's NativeEnvironment)", () => {
    assert.equal(render("{{ '1310' }}"), "1310");
    assert.equal(render("{{ '[1, 2]' }}"), "[1, 2]");
    assert.equal(render("{{ 'true' }}"), "true");
    assert.equal(render("{{ 'None' }}"), "None");
    assert.equal(render("{{ 1310|string }}"), "1310");
  });

  it("mixed text returns a string even when it looks like a number", () => {
    assert.equal(render("{{ 13 }}{{ 10 }}"), "1310");
    assert.equal(render(" x{{ 1 }}"), " x1");
  });

  it("a string equal to the engine's internal undefined marker is returned as that string", () => {
    assert.equal(render("{{ '__OTAI_UNDEFINED__' }}"), "__OTAI_UNDEFINED__");
  });

  it("string literals containing delimiters stay one expression", () => {
    assert.equal(render("{{ 'x%}' }}"), "x%}");
    assert.equal(render("{{ '}} {{' }}"), "}} {{");
  });

  it("fail() in a single expression returns the FAIL marker", () => {
    assert.equal(render("{{ fail() }}"), FAIL);
    assert.equal(typeof FAIL, "symbol");
    assert.equal(render("{{ fail() if params.n > 5 else 'ok' }}"), FAIL);
    assert.equal(render("{{ fail() if params.n > 50 else 'ok' }}"), "ok");
  });

  it("a plain none result is not mistaken for fail()", () => {
    assert.equal(render("{{ none }}"), null);
  });
});

describe("isTemplate and check", () => {
  it("isTemplate recognises {{, {% and {# and nothing else", () => {
    assert.equal(renderer.isTemplate("{{ x }}"), true);
    assert.equal(renderer.isTemplate("a {% if x %}{% endif %}"), true);
    assert.equal(renderer.isTemplate("{# note #}"), true);
    assert.equal(renderer.isTemplate("plain { text }"), false);
    assert.equal(renderer.isTemplate(42), false);
    assert.equal(renderer.isTemplate(null), false);
    assert.equal(renderer.isTemplate(["{{ x }}"]), false);
  });

  it("check returns undefined for valid templates and a message for syntax errors", () => {
    assert.equal(renderer.check("{{ params.x }}"), undefined);
    assert.equal(renderer.check("a {% for x in y %}{{ x }}{% endfor %}"), undefined);
    assert.equal(renderer.check("plain"), undefined);
    for (const bad of ["{{ 1 + }}", "{% if %}", "{% for x in y %}", "a {{ 1 + }} b", "{{ 1 }} {{ 2 + }}", "{{ }}"]) {
      const message = renderer.check(bad);
      assert.equal(typeof message, "string", bad);
      assert.match(message as string, /syntax error/, bad);
      assert.doesNotMatch(message as string, /__otai|\(in t\d+/, `internal names leak in: ${message}`);
    }
  });

  it("check does not evaluate: unknown names are not syntax errors", () => {
    assert.equal(renderer.check("{{ unknown_name }}"), undefined);
    assert.equal(renderer.check("{{ get_env('NOT_SET_ANYWHERE') }}"), undefined);
  });

  it("render reports syntax errors as template errors", () => {
    throwsTemplateError(() => render("{{ 1 + }}"), /syntax error/, /template: \{\{ 1 \+ \}\}/);
    throwsTemplateError(() => render("{% if %}x{% endif %}"), /syntax error/);
  });
});

describe("errors", () => {
  it("an unknown name is an OTAI_TEMPLATE_ERROR naming the template", () => {
    throwsTemplateError(() => render("{{ unknown_name }}"), /undefined value/, /template: \{\{ unknown_name \}\}/);
    throwsTemplateError(
      () => render("Hello {{ unknown_name }}!"),
      /undefined value/,
      /template: Hello \{\{ unknown_name \}\}!/,
    );
  });

  it("a missing attribute or key is an error, in expressions and text and if-conditions", () => {
    throwsTemplateError(() => render("{{ params.t.nope }}"), /template: \{\{ params\.t\.nope \}\}/);
    throwsTemplateError(() => render("{{ params.t['nope'] }}"));
    throwsTemplateError(() => render("{{ params.xs[10] }}"));
    throwsTemplateError(() => render("x {{ params.t.nope.deeper }} y"));
    throwsTemplateError(() => render("{% if params.t.nope %}y{% endif %}"));
    throwsTemplateError(() => render("{{ []|first }}"));
  });

  it("is defined / is undefined and default make optional values safe", () => {
    assert.equal(render("{{ params.t.nope is defined }}"), false);
    assert.equal(render("{{ params.t.nope is undefined }}"), true);
    assert.equal(render("{% if params.t.nope is defined %}y{% else %}n{% endif %}"), "n");
    assert.equal(render("{{ params.t.subject is defined }}"), true);
  });

  it("a conditional without else whose condition is false is an undefined-value error in a single expression", () => {
    throwsTemplateError(() => render("{{ 'a' if false }}"), /undefined value/);
  });

  it("without a position the message says <unknown location>; with one it names file:line:col", () => {
    throwsTemplateError(() => render("{{ nope }}"), /template at <unknown location> failed/);
    const where = { file: "pipes.yml", line: 12, col: 9 };
    assert.throws(
      () => renderer.render("{{ nope }}", context(), where),
      (error: unknown) => {
        assert.ok(isOtaiError(error));
        assert.equal(error.code, "OTAI_TEMPLATE_ERROR");
        assert.match(error.message, /^template at pipes\.yml:12:9 failed: /);
        assert.equal(error.details.template, "{{ nope }}");
        assert.deepEqual(error.details.position, where);
        assert.ok(error.cause instanceof Error);
        return true;
      },
    );
  });

  it("error messages do not leak the engine's internal template names or wrapper variable", () => {
    for (const source of ["{{ nope }}", "{{ 1 + 'a' }}", "x {{ nope }}", "{{ params.t.a.b }}"]) {
      assert.throws(
        () => render(source),
        (error: unknown) => {
          assert.ok(isOtaiError(error));
          assert.doesNotMatch(error.message, /__otai|\(in t\d+/);
          return true;
        },
      );
    }
  });

  it("renderValue on YAML parsed with parseYamlWithSource names the file, line and column of the failing value", () => {
    const yaml = [
      "pipes:",
      "  - id: first",
      "    params:",
      "      ok: '{{ 1 + 1 }}'",
      '      greeting: "hello {{ unknown_name }}"',
      "      list:",
      "        - fine",
      "        - '{{ nope.x }}'",
      "      nested: { deep: '{{ also_missing }}' }",
      "",
    ].join("\n");
    const { value, errors } = parseYamlWithSource(yaml, "config.yml");
    assert.deepEqual(errors, []);
    const params = (value as { pipes: { params: Record<string, unknown> }[] }).pipes[0]?.params;
    assert.ok(params);

    const expectAt = (raw: unknown, snippet: string, ...patterns: RegExp[]) => {
      const { line, col } = locate(yaml, snippet);
      assert.throws(
        () => renderer.renderValue(raw, emptyContext()),
        (error: unknown) => {
          assert.ok(isOtaiError(error));
          assert.equal(error.code, "OTAI_TEMPLATE_ERROR");
          assert.ok(error.message.startsWith(`template at config.yml:${line}:${col} failed`), error.message);
          for (const pattern of patterns) assert.match(error.message, pattern);
          assert.deepEqual(error.details.position, { file: "config.yml", line, col });
          return true;
        },
      );
    };
    expectAt(value, '"hello {{ unknown_name }}"', /template: hello \{\{ unknown_name \}\}/);
    expectAt(params, '"hello {{ unknown_name }}"', /undefined value/);
    expectAt(params.list, "'{{ nope.x }}'", /template: \{\{ nope\.x \}\}/);
    expectAt(params.nested, "'{{ also_missing }}'", /also_missing/);
  });

  it("a helper error inside a YAML value also names its position", () => {
    const yaml = "a: 1\nb:\n  env: >-\n    {{ get_env('OTAI_TEST_UNSET_VAR') }}\n";
    const { value } = parseYamlWithSource(yaml, "env.yml");
    const { line, col } = locate(yaml, ">-");
    throwsTemplateError(
      () => renderer.renderValue(value, emptyContext()),
      new RegExp(`^template at env\\.yml:${line}:${col} failed: `),
      /environment variable 'OTAI_TEST_UNSET_VAR' is not set/,
    );
  });

  it("renderValue on data that did not come from YAML reports <unknown location>", () => {
    throwsTemplateError(() => renderer.renderValue({ a: ["{{ nope }}"] }, emptyContext()), /<unknown location>/);
  });
});

describe("renderValue", () => {
  it("renders every template string in nested objects and arrays and leaves other values alone", () => {
    const raw = {
      a: "{{ 1 + 1 }}",
      b: ["{{ 'x' ~ 'y' }}", "plain", 3, null, true],
      c: { d: "n={{ params.n }}", e: "1310", f: { g: "{{ [1, 2] }}" } },
      h: 4.5,
    };
    assert.deepEqual(renderer.renderValue(raw, context({ n: 7 })), {
      a: 2,
      b: ["xy", "plain", 3, null, true],
      c: { d: "n=7", e: "1310", f: { g: [1, 2] } },
      h: 4.5,
    });
  });

  it("returns new objects and leaves the raw value untouched", () => {
    const raw = { a: "{{ 1 }}", b: { c: "{{ 2 }}" } };
    const out = renderer.renderValue(raw, emptyContext()) as typeof raw;
    assert.notEqual(out, raw);
    assert.deepEqual(raw, { a: "{{ 1 }}", b: { c: "{{ 2 }}" } });
  });

  it("renders a bare string or scalar at the top", () => {
    assert.equal(renderer.renderValue("{{ 6 * 7 }}", emptyContext()), 42);
    assert.equal(renderer.renderValue("just text", emptyContext()), "just text");
    assert.equal(renderer.renderValue(5, emptyContext()), 5);
    assert.equal(renderer.renderValue(null, emptyContext()), null);
  });

  it("puts the FAIL marker where fail() was called", () => {
    const out = renderer.renderValue({ expression: "{{ fail() }}" }, emptyContext()) as Record<string, unknown>;
    assert.equal(out.expression, FAIL);
  });

  it("keeps a __proto__ key from YAML as plain data without touching prototypes", () => {
    const { value } = parseYamlWithSource("__proto__:\n  polluted: '{{ 1 + 1 }}'\nname: x\n", "p.yml");
    const out = renderer.renderValue(value, emptyContext()) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ["__proto__", "name"]);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { polluted: 2 });
    assert.equal((out as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined, "Object.prototype was not polluted");
  });
});

describe("lazy rendering: skip", () => {
  const yaml = [
    "name: '{{ params.label }}'",
    "steps:",
    "  - id: a",
    "    params:",
    "      value: '{{ get_pipe_result(\"earlier\") }}'",
    "  - id: b",
    "    params:",
    "      value: '{{ no_such_name }}'",
    "nested:",
    "  steps: '{{ 1 + 1 }}'",
    "",
  ].join("\n");

  it("leaves the skipped top-level subtree raw (the same object) while rendering its siblings", () => {
    const { value } = parseYamlWithSource(yaml, "lazy.yml");
    const raw = value as { steps: unknown[] };
    const out = renderer.renderValue(raw, context({ label: "L" }), { skip: new Set(["steps"]) }) as Record<
      string,
      unknown
    >;
    assert.equal(out.name, "L");
    assert.equal(out.steps, raw.steps, "the raw subtree is passed through untouched");
    assert.deepEqual(out.steps, [
      { id: "a", params: { value: '{{ get_pipe_result("earlier") }}' } },
      { id: "b", params: { value: "{{ no_such_name }}" } },
    ]);
    assert.deepEqual(out.nested, { steps: 2 }, "only top-level keys are skipped");
  });

  it("the skipped subtree renders later against a later context, keeping its YAML positions", () => {
    const { value } = parseYamlWithSource(yaml, "lazy.yml");
    const raw = value as { steps: unknown[] };
    const out = renderer.renderValue(raw, context({ label: "L" }), { skip: new Set(["steps"]) }) as {
      steps: unknown[];
    };
    const later = withPipeResult(emptyContext(), "earlier", success({ value: "from earlier" }));
    assert.deepEqual(renderer.renderValue(out.steps[0], later), { id: "a", params: { value: "from earlier" } });
    const { line, col } = locate(yaml, "'{{ no_such_name }}'");
    throwsTemplateError(() => renderer.renderValue(out.steps[1], later), new RegExp(`lazy\\.yml:${line}:${col}`));
  });

  it("without skip the same subtree is rendered eagerly (and fails here)", () => {
    const { value } = parseYamlWithSource(yaml, "lazy.yml");
    throwsTemplateError(() => renderer.renderValue(value, context({ label: "L" })), /has no result here/);
  });
});

describe("scope variables", () => {
  const base = withPipeResult(
    withPipeResult(emptyContext(), "fetch", success({ value: [1, 2], count: 2 }, "fetched 2")),
    "classify",
    success({ label: "billing" }),
  );
  const ctx: PipeContext = withParent({ ...base, params: { threshold: 0.5, queue: "Q" } }, { limit: 3, name: "P" });

  it("pipe_results exposes every earlier result with succeeded, was_skipped, message and data", () => {
    assert.equal(renderer.render("{{ pipe_results.fetch.data.count }}", ctx), 2);
    assert.equal(renderer.render("{{ pipe_results['classify'].data.label }}", ctx), "billing");
    assert.equal(renderer.render("{{ pipe_results.fetch.message }}", ctx), "fetched 2");
    assert.equal(
      renderer.render("{{ pipe_results.fetch.succeeded and not pipe_results.fetch.was_skipped }}", ctx),
      true,
    );
    assert.deepEqual(renderer.render("{{ pipe_results|list|sort }}", ctx), ["classify", "fetch"]);
  });

  it("params and parent_params are readable", () => {
    assert.equal(renderer.render("{{ params.threshold }}", ctx), 0.5);
    assert.deepEqual(renderer.render("{{ params }}", ctx), { threshold: 0.5, queue: "Q" });
    assert.equal(renderer.render("{{ parent_params.limit }}", ctx), 3);
    assert.equal(renderer.render("{{ parent_params.name ~ '/' ~ params.queue }}", ctx), "P/Q");
    assert.equal(renderer.render("{{ parent_params }}", emptyContext()), null, "no parent: parent_params is none");
    assert.equal(renderer.render("{{ parent_params is none }}", emptyContext()), true);
  });

  it("ticket is readable inside a per-ticket context", () => {
    const ticket = UnifiedTicketSchema.parse({ id: 9, subject: "Printer", queue: { name: "IT" } });
    const withTicket: PipeContext = { ...emptyContext(), ticket };
    assert.equal(renderer.render("{{ ticket.subject }} in {{ ticket.queue.name }}", withTicket), "Printer in IT");
    assert.equal(renderer.render("{{ ticket.id }}", withTicket), "9");
  });

  it("each context is read as it is: a later context sees its new results", () => {
    const one = withPipeResult(emptyContext(), "a", success({ value: 1 }));
    const two = withPipeResult(one, "b", success({ value: 2 }));
    assert.equal(renderer.render("{{ pipe_results|length }}", one), 1);
    assert.equal(renderer.render("{{ pipe_results|length }}", two), 2);
    assert.equal(renderer.render("{{ pipe_results|length }}", one), 1);
  });

  it("names that are not scope variables or helpers are unknown", () => {
    throwsTemplateError(() => renderer.render("{{ pipe_result }}", ctx), /undefined value/);
    throwsTemplateError(() => renderer.render("{{ results }}", ctx), /undefined value/);
  });
});
