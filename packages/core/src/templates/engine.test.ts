import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emptyContext } from "../contracts/pipe-context.ts";
import { isOtaiError } from "../errors.ts";
import { createMinijinjaEngine } from "./engine.ts";
import { createTemplateRenderer } from "./renderer.ts";

const throwsTemplateError = (fn: () => unknown, ...patterns: RegExp[]) =>
  assert.throws(fn, (error: unknown) => {
    assert.ok(isOtaiError(error), `expected an OtaiError, got ${String(error)}`);
    assert.equal(error.code, "OTAI_TEMPLATE_ERROR");
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });

describe("createMinijinjaEngine: evaluate and renderText", () => {
  const engine = createMinijinjaEngine({ double: (x) => Number(x) * 2, echo: (x) => x });

  it("evaluate returns native values", () => {
    assert.equal(engine.evaluate("double(21)", {}), 42);
    assert.deepEqual(engine.evaluate("[1, {'a': none}]", {}), [1, { a: null }]);
    assert.equal(engine.evaluate("x.y", { x: { y: "z" } }), "z");
    assert.equal(engine.evaluate("'s'", {}), "s");
  });

  it("evaluate of an undefined value is an error that suggests default / is defined", () => {
    assert.throws(() => engine.evaluate("nope", {}), /undefined value.*default.*is defined/);
    assert.throws(() => engine.evaluate("x.missing", { x: {} }), /undefined value/);
  });

  it("renderText renders text and passes scope values", () => {
    assert.equal(engine.renderText("Hi {{ name }}!", { name: "Ann" }), "Hi Ann!");
    assert.equal(engine.renderText("{{ double(2) }}-{{ double(3) }}", {}), "4-6");
  });

  it("a helper receives scalars as JS values", () => {
    assert.equal(engine.evaluate("echo('a')", {}), "a");
    assert.equal(engine.evaluate("echo(1.5)", {}), 1.5);
    assert.equal(engine.evaluate("echo(true)", {}), true);
    assert.equal(engine.evaluate("echo(none)", {}), null);
  });
});

describe("createMinijinjaEngine: check and checkExpression", () => {
  const engine = createMinijinjaEngine({});

  it("check returns undefined for valid templates and the syntax error otherwise", () => {
    assert.equal(engine.check("{% for x in xs %}{{ x }}{% endfor %}"), undefined);
    assert.match(engine.check("{% for x in xs %}") ?? "", /syntax error/);
    assert.match(engine.check("{% endif %}") ?? "", /syntax error: unknown statement endif/);
  });

  it("checkExpression rejects empty and malformed expressions", () => {
    assert.equal(engine.checkExpression("a.b|length"), undefined);
    assert.equal(engine.checkExpression("   "), "empty expression");
    assert.match(engine.checkExpression("1 +") ?? "", /syntax error/);
  });

  it("messages do not name the engine's internal template or wrapper", () => {
    for (const message of [engine.check("{{ 1 + }}"), engine.checkExpression("1 +"), engine.check("{% if %}")]) {
      assert.equal(typeof message, "string");
      assert.doesNotMatch(message as string, /\(in t\d+|__otai/);
    }
  });
});

describe("createMinijinjaEngine: throwing helpers never corrupt the engine", () => {
  it("an Error thrown by a helper fails the render with that error, and the engine keeps working", () => {
    const boom = new Error("kaboom");
    const engine = createMinijinjaEngine({
      boom: () => {
        throw boom;
      },
      ok: () => "ok",
    });
    for (let i = 0; i < 25; i++) {
      assert.throws(
        () => engine.renderText("{{ boom() }}", {}),
        (error: unknown) => error === boom,
      );
      assert.throws(
        () => engine.evaluate("boom()", {}),
        (error: unknown) => error === boom,
      );
      assert.equal(engine.evaluate("ok()", {}), "ok");
    }
    assert.equal(engine.renderText("{% for i in range(3) %}{{ ok() }}{% endfor %}", {}), "okokok");
  });

  it("the first error wins when a helper throws several times in one render", () => {
    let n = 0;
    const engine = createMinijinjaEngine({
      boom: () => {
        n++;
        throw new Error(`error ${n}`);
      },
    });
    assert.throws(() => engine.renderText("{% for i in range(3) %}{{ boom() }}{% endfor %}", {}), /^Error: error 1$/);
  });

  it("a helper error is not masked by default or a conditional", () => {
    const engine = createMinijinjaEngine({
      boom: () => {
        throw new Error("kaboom");
      },
    });
    assert.throws(() => engine.evaluate("boom()|default('x')", {}), /kaboom/);
    assert.throws(() => engine.evaluate("'x' if boom() is undefined else 'y'", {}), /kaboom/);
  });

  it("a non-Error value thrown by a helper still fails the render", () => {
    const engine = createMinijinjaEngine({
      str: () => {
        throw "plain string";
      },
      nul: () => {
        throw null;
      },
    });
    assert.throws(
      () => engine.renderText("{{ str() }}", {}),
      (error: unknown) => error === "plain string",
    );
    assert.throws(
      () => engine.renderText("{{ nul() }}", {}),
      (error: unknown) => error === null,
    );
  });

  it("a helper that throws undefined still fails the render", () => {
    const engine = createMinijinjaEngine({
      und: () => {
        throw undefined;
      },
    });
    assert.throws(() => engine.renderText("{{ und() }}", {}));
    assert.throws(() => engine.evaluate("und()", {}));
  });

  it("through the renderer: helper errors are template errors and later renders still work", () => {
    const renderer = createTemplateRenderer({ env: { SET: "yes" } });
    for (let i = 0; i < 10; i++) {
      throwsTemplateError(() => renderer.render("{{ get_env('UNSET') }}", emptyContext()), /'UNSET' is not set/);
      throwsTemplateError(() => renderer.render("a {{ get_pipe_result('x') }} b", emptyContext()), /pipe 'x'/);
      throwsTemplateError(() => renderer.render("{{ get_parent_param('p') }}", emptyContext()), /no parent params/);
    }
    assert.equal(renderer.render("{{ get_env('SET') }}", emptyContext()), "yes");
    assert.equal(renderer.render("{{ [1, 2]|length }}", emptyContext()), 2);
    assert.equal(renderer.render("{% if true %}ok{% endif %}", emptyContext()), "ok");
  });
});

describe("the renderer over a custom engine", () => {
  it("uses evaluate for one expression and renderText otherwise, passing only the scope names mentioned", () => {
    const calls: { kind: string; source: string; scope: Record<string, unknown> }[] = [];
    const renderer = createTemplateRenderer({
      env: {},
      engine: {
        check: () => undefined,
        checkExpression: (expression) => (expression.includes("}}") ? "bad" : undefined),
        renderText: (source, scope) => {
          calls.push({ kind: "text", source, scope });
          return "text-result";
        },
        evaluate: (expression, scope) => {
          calls.push({ kind: "expr", source: expression, scope });
          return "expr-result";
        },
      },
    });
    const ctx = { pipe_results: {}, params: { a: 1 }, parent_params: { b: 2 } };
    assert.equal(renderer.render("{{ params.a }}", ctx), "expr-result");
    assert.equal(renderer.render("x {{ parent_params.b }}", ctx), "text-result");
    assert.equal(renderer.render("{{ 1 }}{{ 2 }}", ctx), "text-result");
    assert.deepEqual(calls, [
      { kind: "expr", source: " params.a ", scope: { params: { a: 1 } } },
      // "parent_params" contains "params", so both are passed; pipe_results is not mentioned.
      { kind: "text", source: "x {{ parent_params.b }}", scope: { params: { a: 1 }, parent_params: { b: 2 } } },
      { kind: "text", source: "{{ 1 }}{{ 2 }}", scope: {} },
    ]);
  });
});

describe("createMinijinjaEngine: fuel and limits", () => {
  it("a runaway loop stops with an error instead of hanging", () => {
    const engine = createMinijinjaEngine({});
    const started = Date.now();
    assert.throws(
      () => engine.renderText("{% for i in range(90000) %}{% for j in range(90000) %}x{% endfor %}{% endfor %}", {}),
      /fuel/,
    );
    assert.throws(() => engine.renderText("{% for i in range(10000000) %}x{% endfor %}", {}), /too many elements|fuel/);
    assert.ok(Date.now() - started < 5000, "stopped quickly");
    assert.equal(engine.renderText("{{ 1 }}", {}), "1", "the engine still works afterwards");
  });

  it("unbounded recursion stops with an error", () => {
    const engine = createMinijinjaEngine({});
    assert.throws(() => engine.renderText("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", {}), /recursion/);
  });

  it("fuel is per render, not cumulative", () => {
    const engine = createMinijinjaEngine({});
    for (let i = 0; i < 20; i++) {
      assert.equal(engine.renderText("{% for i in range(20000) %}{% endfor %}ok", {}), "ok");
    }
  });

  it("the fuel option sets the budget", () => {
    const small = createMinijinjaEngine({}, { fuel: 50 });
    assert.throws(() => small.renderText("{% for i in range(100) %}x{% endfor %}", {}), /fuel/);
    assert.equal(small.renderText("{% for i in range(3) %}x{% endfor %}", {}), "xxx");
    const large = createMinijinjaEngine({}, { fuel: 10_000_000 });
    assert.equal(large.renderText("{% for i in range(90000) %}{% endfor %}done", {}), "done");
  });

  it("through the renderer, a runaway loop is an OTAI_TEMPLATE_ERROR", () => {
    const renderer = createTemplateRenderer({ env: {} });
    throwsTemplateError(
      () => renderer.render("{% for i in range(10000000) %}x{% endfor %}", emptyContext()),
      /too many elements|fuel/,
    );
    throwsTemplateError(
      () =>
        renderer.render(
          "{% for i in range(90000) %}{% for j in range(90000) %}{% endfor %}{% endfor %}",
          emptyContext(),
        ),
      /fuel/,
    );
    throwsTemplateError(
      () => renderer.render("{{ range(10000000)|length }}", emptyContext()),
      /too many elements|fuel/,
    );
  });
});

describe("createMinijinjaEngine: compiled template cache", () => {
  it("keeps working past its size limit, for old and new templates", () => {
    const renderer = createTemplateRenderer({ env: {} });
    const ctx = emptyContext();
    for (let i = 0; i < 5003; i++) assert.equal(renderer.render(`{{ ${i} + 1 }}`, ctx), i + 1);
    assert.equal(renderer.render("{{ 0 + 1 }}", ctx), 1);
    assert.equal(renderer.render("{{ 5002 + 1 }}", ctx), 5003);
    assert.equal(renderer.render("text {{ 7 }}", ctx), "text 7");
  });

  it("the same source rendered with different scopes gives different results", () => {
    const engine = createMinijinjaEngine({});
    assert.equal(engine.renderText("{{ v }}", { v: 1 }), "1");
    assert.equal(engine.renderText("{{ v }}", { v: 2 }), "2");
    assert.deepEqual(engine.evaluate("v", { v: [3] }), [3]);
  });
});

describe("createMinijinjaEngine: recovery from a WebAssembly panic", () => {
  it("starts a new engine after a panic, so later renders still work", () => {
    const engine = createMinijinjaEngine({ one: () => 1 });
    // A function passed in the scope (the renderer never does this) is called unguarded and panics.
    const scope = {
      f: () => {
        throw new Error("boom");
      },
    };
    assert.throws(() => engine.evaluate("f()", scope));
    assert.equal(engine.evaluate("one() + 1", {}), 2);
    assert.equal(engine.renderText("{% if true %}ok{% endif %}", {}), "ok");
  });
});
