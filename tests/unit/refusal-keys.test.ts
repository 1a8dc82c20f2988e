/**
 * Domain refusals carry catalog keys, never English (issue 18, decision 025): a refusal thrown in
 * app/domain, app/auth or app/lib — `Invalid`, `Conflict`, `Forbidden`, their older name `InputError`, the
 * rate limiter's `RateLimited`, the multipart reader's `MalformedUpload` — and a zod schema's message (`error:`, `message:`, `.min(n, "…")`)
 * is a `"namespace:key"` string with values, translated where it is shown (`runAction`,
 * `translateMessage`). This test reads the source and lists every string literal in those places
 * that is a sentence rather than a key, with its file and line.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FOLDERS = ["app/domain", "app/auth", "app/lib"];

/**
 * Files allowed to keep English refusals. Each entry says why; the list only shrinks (empty since
 * the third i18n round: a file added here needs a reason a reader would accept).
 */
const ALLOWED = new Set<string>([]);

const KEY = /^[a-z]+:[A-Za-z0-9_.]+$/;
/** A template literal may build a key ("contests:validation.${field}TooLong"). */
const TEMPLATE_KEY = /^[a-z]+:[A-Za-z0-9_.]*(\$\{[^}]*\}[A-Za-z0-9_.]*)*$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The source with comments blanked (kept the same length, so offsets still give line numbers). */
function withoutComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      const stop = endOfString(source, i);
      out += source.slice(i, stop);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index just after the string literal starting at `start` (template literals with ${…} too). */
function endOfString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (quote === "`" && c === "$" && source[i + 1] === "{") {
      let depth = 1;
      i += 2;
      while (i < source.length && depth > 0) {
        const d = source[i];
        if (d === '"' || d === "'" || d === "`") i = endOfString(source, i);
        else {
          if (d === "{") depth++;
          if (d === "}") depth--;
          i++;
        }
      }
    } else i++;
  }
  return i;
}

/**
 * The top-level parts of the code from `from` on, split at its commas (string literals and nested
 * brackets skipped): up to the bracket that closes the enclosing one, or — `oneValue` — only the
 * first part, ending also at a `;` or a line end (a property's value).
 */
function topLevelParts(source: string, from: number, oneValue: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = from;
  let i = from;
  for (; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === "`") {
      i = endOfString(source, i) - 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === "," || (oneValue && (c === ";" || c === "\n")))) {
      if (oneValue) break;
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start, i));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The argument texts of the call whose "(" is at `open`. */
const callArguments = (source: string, open: number): string[] => topLevelParts(source, open + 1, false);

/** One property value (`error: …`): up to the next top-level comma or closing bracket. */
const propertyValue = (source: string, from: number): string => topLevelParts(source, from, true)[0] ?? "";

/**
 * The string literals in an expression that read as a sentence rather than as a catalog key: words
 * with a space or closing punctuation ("Enter a name.", "Required."), so that a single word compared
 * in a condition (`field === "comment"`) is not taken for a message.
 */
function sentencesIn(expression: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const stop = endOfString(expression, i);
      const text = expression.slice(i + 1, stop - 1);
      const isKey = c === "`" ? TEMPLATE_KEY.test(text) : KEY.test(text);
      const words = text.replace(/\$\{[^}]*\}/g, "x");
      if (!isKey && /\p{L}{2,}/u.test(words) && /\s|[.!?:]$/u.test(words.trim())) found.push(expression.slice(i, stop));
      i = stop;
    } else i++;
  }
  return found;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Every English message in one file's refusals and schema messages. */
function englishRefusals(file: string, source: string): Finding[] {
  const code = withoutComments(source);
  const lineOf = (offset: number) => code.slice(0, offset).split("\n").length;
  const findings: Finding[] = [];
  const add = (offset: number, expression: string | undefined) => {
    for (const text of sentencesIn(expression ?? "")) findings.push({ file, line: lineOf(offset), text });
  };
  // Refusals: the message is the second argument (after the field), or the first for those without a field.
  for (const m of code.matchAll(/\bnew\s+(Invalid|Conflict|InputError|RateLimited|SignInThrottled|Forbidden|NotFound|MalformedUpload)\s*\(/g)) {
    const args = callArguments(code, m.index + m[0].length - 1);
    const kind = m[1]!;
    add(m.index, kind === "Forbidden" || kind === "NotFound" || kind === "RateLimited" || kind === "SignInThrottled" || kind === "MalformedUpload" ? args[0] : args[1]);
  }
  // zod messages given as an option ({ error: "…" }, { message: "…" }).
  for (const m of code.matchAll(/\b(error|message)\s*:\s*/g)) {
    add(m.index, propertyValue(code, m.index + m[0].length));
  }
  // zod messages given as a check's last argument (.min(1, "…"), .refine(fn, "…")).
  for (const m of code.matchAll(/\.(min|max|length|regex|refine|nonempty|gte|lte|gt|lt|int|positive|nonnegative)\s*\(/g)) {
    const args = callArguments(code, m.index + m[0].length - 1);
    const last = args[args.length - 1] ?? "";
    // Only a message given as the plain last argument; an options object is read above.
    if (args.length >= (m[1] === "nonempty" || m[1] === "int" || m[1] === "positive" || m[1] === "nonnegative" ? 1 : 2) && /^["'`]/.test(last)) add(m.index, last);
  }
  return findings;
}

const files = FOLDERS.flatMap(filesUnder).sort();

describe("domain refusals are catalog keys, not English", () => {
  it("finds sentences where they are (the check itself works)", () => {
    const sample = [
      'throw new Invalid("name", "Enter a name.");',
      "throw new Conflict(\"form\", `Version ${v} exists already.`);",
      'const S = z.object({ a: z.string().min(1, "Enter a.") }, { error: "Unknown action." });',
      'throw new Invalid("x", "ns:key.ok", { n: 1 }); // new Invalid("x", "Not this, a comment.")',
      'throw new Invalid(field, `contests:validation.${field}TooLong`, { max: 1 });',
      'if (problem) throw new Invalid("password", problem.message, problem.values);',
      'fail(new MalformedUpload("The form is empty."), new MalformedUpload("public:upload.empty"));',
    ].join("\n");
    expect(englishRefusals("sample.ts", sample).map((f) => `${f.line}: ${f.text}`)).toEqual([
      '1: "Enter a name."',
      "2: `Version ${v} exists already.`",
      '7: "The form is empty."',
      '3: "Unknown action."',
      '3: "Enter a."',
    ]);
  });

  it("lists every refusal in app/domain, app/auth and app/lib still written in English", () => {
    const found = files.filter((file) => !ALLOWED.has(file)).flatMap((file) => englishRefusals(file, readFileSync(path.join(ROOT, file), "utf8")));
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it("allows only files that exist and still need it (the allow-list only shrinks)", () => {
    const stale = [...ALLOWED].filter((file) => !files.includes(file) || englishRefusals(file, readFileSync(path.join(ROOT, file), "utf8")).length === 0);
    expect(stale).toEqual([]);
  });
});
