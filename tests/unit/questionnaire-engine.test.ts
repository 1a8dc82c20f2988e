/**
 * The questionnaire engine (issue 20 items 2 and 3), on the shipped forced-labour SAQ: conditions,
 * every answer type, versions (answers to v1 read with v1 once v2 is the latest), what answers say
 * about the indicators, the ranking by what narrows a real score's range, and the definition check
 * refusing broken files.
 */
import { describe, expect, it } from "vitest";
import { Invalid } from "~/domain/errors";
import { catalogs } from "~/i18n/catalogs.generated";
import { translateMessage } from "~/i18n/i18n.server";
import { INDICATOR_CODES } from "~/domain/indicators";
import { parseQuestionnaireDefinition, QuestionnaireDefinitionError, type Question } from "~/domain/questionnaires/definition";
import { missingForSubmission, observationsFrom, parseAnswer, parseAnswers, pruneHidden, readAnswers, submissionErrors, visibleQuestions, type Answers } from "~/domain/questionnaires/engine";
import { isLowRiskContext, orderQuestions, SHORT_LIST_MIN_WORTH, shortQuestionnaire } from "~/domain/questionnaires/ordering";
import { compareVersions, loadQuestionnaire, questionnaireVersions, SAQ_FORCED_LABOUR } from "~/domain/questionnaires/registry.server";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import v1Json from "../../fixtures/questionnaires/saq-forced-labour/v1.json";
import { supplierInputs } from "../support/supplier-inputs";
import { sampleReference } from "./support/reference";

const v1 = loadQuestionnaire(SAQ_FORCED_LABOUR, "1");
const v2 = loadQuestionnaire(SAQ_FORCED_LABOUR, "2");
const q = (id: string): Question => {
  const found = v1.questions.find((x) => x.id === id) ?? v2.questions.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};
const shown = (answers: Answers) => visibleQuestions(v1, answers).map((x) => x.id);
const refusal = (v: unknown) => {
  expect(v).toBeInstanceOf(Invalid);
  const e = v as Invalid;
  return { field: e.field, message: e.message, values: e.values };
};

/** Every required question of v1 answered with its harmless answer. */
const clean: Answers = {
  workforce_migrant: false,
  fees_paid_by_workers: false,
  fees_employer_pays_policy: true,
  documents_held: false,
  contract_language: "own_language",
  contract_terms_as_promised: true,
  wages_paid_in_full_on_time: true,
  wages_largest_deduction: 5,
  wages_loans_to_workers: false,
  hours_max_weekly: 54,
  hours_overtime_refusable: true,
  housing_provided: false,
  housing_remote: false,
  resign_without_penalty: true,
  resign_deposit_forfeited: false,
  resign_threatened: false,
  grievance_channel: true,
  grievance_violence_reported: false,
  recruiters_used: false,
  recruiters_agency_employed: false,
};

describe("the shipped definitions", () => {
  it("load, latest by default, with the versions oldest first", () => {
    expect(questionnaireVersions(SAQ_FORCED_LABOUR)).toEqual(["1", "2"]);
    expect(loadQuestionnaire(SAQ_FORCED_LABOUR).version).toBe("2");
    expect(v1.questions.length).toBeGreaterThanOrEqual(25);
    expect(v1.questions.length).toBeLessThanOrEqual(35);
    expect(compareVersions("10", "9")).toBeGreaterThan(0);
    expect(compareVersions("2.1", "2")).toBeGreaterThan(0);
  });

  it("an unknown questionnaire or version is not found", () => {
    expect(() => loadQuestionnaire("nope")).toThrow(/Not found/);
    expect(() => loadQuestionnaire(SAQ_FORCED_LABOUR, "7")).toThrow(/Not found/);
    expect(questionnaireVersions("nope")).toEqual([]);
  });

  it("inform every indicator of the platform, each with a red-flag answer, and use every answer type", () => {
    const informed = new Set(v1.questions.flatMap((x) => x.informs.map((i) => i.indicator)));
    expect([...informed].sort()).toEqual([...INDICATOR_CODES].sort());
    expect(new Set(v1.questions.map((x) => x.type))).toEqual(new Set(["yes_no", "number", "choice", "date", "file", "recruiters"]));
  });

  it("v2 retires a question and adds one with a new id (a changed meaning is a new id)", () => {
    const ids1 = new Set(v1.questions.map((x) => x.id));
    const ids2 = new Set(v2.questions.map((x) => x.id));
    expect([...ids1].filter((id) => !ids2.has(id))).toEqual(["hours_max_weekly"]);
    expect([...ids2].filter((id) => !ids1.has(id))).toEqual(["hours_weeks_over_60"]);
  });
});

describe("conditions", () => {
  it("a follow-up shows only when the earlier answer opens it", () => {
    expect(shown({})).not.toContain("documents_returned_same_day");
    expect(shown({ documents_held: false })).not.toContain("documents_returned_same_day");
    expect(shown({ documents_held: true })).toContain("documents_returned_same_day");
  });

  it("in: a licence-check date is asked when all or some recruiters are licensed, not when none are", () => {
    const base = { recruiters_used: true };
    expect(shown({ ...base, recruiters_licensed: "some" })).toContain("recruiters_licences_checked_on");
    expect(shown({ ...base, recruiters_licensed: "all" })).toContain("recruiters_licences_checked_on");
    expect(shown({ ...base, recruiters_licensed: "none" })).not.toContain("recruiters_licences_checked_on");
  });

  it("any of (fees paid, all of (migrants, a share above 0)): borrowing is asked in either case", () => {
    expect(shown({})).not.toContain("fees_workers_borrowed");
    expect(shown({ fees_paid_by_workers: true })).toContain("fees_workers_borrowed");
    // greaterThan: a share of 0 does not open it, a share of 5 does.
    expect(shown({ workforce_migrant: true, workforce_migrant_share: 0 })).not.toContain("fees_workers_borrowed");
    expect(shown({ workforce_migrant: true, workforce_migrant_share: 5 })).toContain("fees_workers_borrowed");
  });

  it("all of (migrants, any of (a contract, fees paid)): contract substitution needs both halves", () => {
    expect(shown({ workforce_migrant: true, contract_language: "no_written_contract" })).not.toContain("contract_changed_on_arrival");
    expect(shown({ workforce_migrant: true, contract_language: "own_language" })).toContain("contract_changed_on_arrival");
    expect(shown({ workforce_migrant: true, contract_language: "no_written_contract", fees_paid_by_workers: true })).toContain("contract_changed_on_arrival");
    expect(shown({ workforce_migrant: false, contract_language: "own_language", fees_paid_by_workers: true })).not.toContain("contract_changed_on_arrival");
  });

  it("a stale answer to a hidden question opens nothing", () => {
    // The share was answered, then "migrant workers" changed to no: the share is hidden, and so is
    // what it would have opened.
    const answers = { workforce_migrant: false, workforce_migrant_share: 40 };
    expect(shown(answers)).not.toContain("workforce_migrant_share");
    expect(shown(answers)).not.toContain("fees_workers_borrowed");
  });
});

describe("answer types", () => {
  it("yes/no", () => {
    expect(parseAnswer(q("documents_held"), "yes")).toBe(true);
    expect(parseAnswer(q("documents_held"), " No ")).toBe(false);
    expect(parseAnswer(q("documents_held"), "")).toBeNull();
    expect(refusal(parseAnswer(q("documents_held"), "maybe"))).toEqual({ field: "documents_held", message: "questionnaire:error.yesNo", values: { id: "documents_held", given: "maybe" } });
  });

  it("number: decimal comma, limits, whole numbers", () => {
    expect(parseAnswer(q("fees_share_of_workers"), "12,5")).toBe(12.5);
    expect(parseAnswer(q("fees_share_of_workers"), "100")).toBe(100);
    expect(refusal(parseAnswer(q("fees_share_of_workers"), "lots"))).toMatchObject({ message: "questionnaire:error.number", values: { given: "lots" } });
    expect(refusal(parseAnswer(q("fees_share_of_workers"), "101"))).toMatchObject({ message: "questionnaire:error.tooHigh", values: { id: "fees_share_of_workers", given: "101", max: 100 } });
    expect(refusal(parseAnswer(q("fees_share_of_workers"), "-1"))).toMatchObject({ message: "questionnaire:error.tooLow", values: { given: "-1", min: 0 } });
    expect(refusal(parseAnswer(q("hours_max_weekly"), "60.5"))).toMatchObject({ message: "questionnaire:error.integer", values: { given: "60.5" } });
    expect(parseAnswer(q("hours_max_weekly"), "72")).toBe(72);
  });

  it("choice: only the options offered", () => {
    expect(parseAnswer(q("recruiters_licensed"), "some")).toBe("some");
    expect(refusal(parseAnswer(q("recruiters_licensed"), "most"))).toMatchObject({ message: "questionnaire:error.choice", values: { given: "most" } });
  });

  it("date: a real day as YYYY-MM-DD", () => {
    expect(parseAnswer(q("recruiters_licences_checked_on"), "2026-02-28")).toBe("2026-02-28");
    expect(refusal(parseAnswer(q("recruiters_licences_checked_on"), "2026-02-30"))).toMatchObject({ message: "questionnaire:error.date", values: { given: "2026-02-30" } });
    expect(refusal(parseAnswer(q("recruiters_licences_checked_on"), "28/02/2026"))).toMatchObject({ message: "questionnaire:error.date" });
  });

  it("file: an evidence id, nothing else", () => {
    expect(parseAnswer(q("grievance_procedure_file"), "42")).toBe(42);
    expect(refusal(parseAnswer(q("grievance_procedure_file"), "../etc/passwd"))).toMatchObject({ message: "questionnaire:error.file" });
    expect(refusal(parseAnswer(q("grievance_procedure_file"), "0"))).toMatchObject({ message: "questionnaire:error.file" });
  });

  it("recruiters: one per line, name then the origin country; the bad line is named", () => {
    expect(parseAnswer(q("recruiters_list"), "Himalaya Manpower, Kathmandu Pvt. Ltd., np\nDhaka Overseas; BD\n")).toEqual([
      { name: "Himalaya Manpower, Kathmandu Pvt. Ltd.", country: "NP" },
      { name: "Dhaka Overseas", country: "BD" },
    ]);
    expect(refusal(parseAnswer(q("recruiters_list"), "Dhaka Overseas, BD\nJust a name"))).toEqual({ field: "recruiters_list", message: "questionnaire:error.recruiterLine", values: { id: "recruiters_list", line: 2, given: "Just a name" } });
  });

  it("a long input is shortened in the message, not repeated whole", () => {
    const given = refusal(parseAnswer(q("documents_held"), "x".repeat(500))).values?.given as string;
    expect(given.length).toBeLessThan(70);
  });
});

describe("save and continue, submission", () => {
  it("parseAnswers keeps the valid answers, refuses the invalid ones per question, ignores other fields, notes cleared ones", () => {
    const r = parseAnswers(v1, { intent: "save", documents_held: "yes", hours_max_weekly: "seventy", fees_share_of_workers: "", recruiters_licensed: "most" });
    expect(r.answers).toEqual({ documents_held: true });
    expect(r.cleared).toEqual(["fees_share_of_workers"]);
    expect(Object.keys(r.errors).sort()).toEqual(["hours_max_weekly", "recruiters_licensed"]);
    expect(r.errors.hours_max_weekly?.message).toBe("questionnaire:error.number");
  });

  it("missing: required questions shown and unanswered, follow-ups included once opened", () => {
    expect(missingForSubmission(v1, clean)).toEqual([]);
    expect(missingForSubmission(v1, { ...clean, documents_held: true })).toEqual(["documents_returned_same_day"]);
    const { documents_held: _, ...without } = clean;
    expect(missingForSubmission(v1, without)).toEqual(["documents_held"]);
    expect(submissionErrors(v1, without).documents_held?.message).toBe("questionnaire:error.required");
    // The file and the date are optional: not missing.
    expect(missingForSubmission(v1, { ...clean, grievance_channel: true, recruiters_used: true, recruiters_list: [{ name: "A", country: "NP" }], recruiters_licensed: "all" })).toEqual([]);
  });

  it("missing within the questions asked: a short questionnaire requires only its own questions", () => {
    const { documents_held: _d, hours_max_weekly: _h, ...without } = clean as Record<string, unknown>;
    expect(missingForSubmission(v1, without).sort()).toEqual(["documents_held", "hours_max_weekly"]);
    // Asked only about documents: the unanswered hours question does not stop the submission.
    expect(missingForSubmission(v1, without, new Set(["documents_held"]))).toEqual(["documents_held"]);
    expect(Object.keys(submissionErrors(v1, without, new Set(["fees_paid_by_workers"])))).toEqual([]);
  });

  it("pruneHidden drops answers to questions a changed answer hid", () => {
    const draft = { ...clean, documents_held: false, documents_returned_same_day: false };
    expect(pruneHidden(v1, draft)).not.toHaveProperty("documents_returned_same_day");
    expect(pruneHidden(v1, { ...draft, documents_held: true })).toHaveProperty("documents_returned_same_day", false);
  });
});

describe("observations", () => {
  it("a red-flag answer is present, a reassuring one absent, the deciding question named", () => {
    const o = observationsFrom(v1, { ...clean, documents_held: true, documents_returned_same_day: true });
    expect(o.retention_of_documents).toEqual({ present: true, questionId: "documents_held" });
    expect(o.worker_paid_fees).toEqual({ present: false, questionId: "fees_paid_by_workers" });
    expect(o.excessive_overtime).toEqual({ present: false, questionId: "hours_max_weekly" });
  });

  it("present wins over absent when two questions inform one indicator, whichever comes first", () => {
    // wages paid on time (absent) then a 40 % deduction (present).
    expect(observationsFrom(v1, { ...clean, wages_largest_deduction: 40 }).withholding_of_wages).toEqual({ present: true, questionId: "wages_largest_deduction" });
    // Overtime: 54 hours (absent) but overtime cannot be refused (present).
    expect(observationsFrom(v1, { ...clean, hours_overtime_refusable: false }).excessive_overtime).toEqual({ present: true, questionId: "hours_overtime_refusable" });
  });

  it("an answer that decides nothing leaves the indicator unknown; a hidden answer says nothing", () => {
    const o = observationsFrom(v1, { recruiters_used: true, recruiters_licensed: "unknown", workforce_migrant: false, documents_permit_lapsed: true });
    expect(o).not.toHaveProperty("unlicensed_recruiter");
    expect(o).not.toHaveProperty("abuse_of_vulnerability");
    expect(observationsFrom(v1, { recruiters_used: true, recruiters_licensed: "none" }).unlicensed_recruiter).toEqual({ present: true, questionId: "recruiters_licensed" });
  });
});

describe("versions", () => {
  const v1Answers = { ...clean, hours_max_weekly: 72 };

  it("answers to v1 read with v1 after v2 is the latest, the retired question included", () => {
    expect(loadQuestionnaire(SAQ_FORCED_LABOUR).version).toBe("2");
    const read = readAnswers(loadQuestionnaire(SAQ_FORCED_LABOUR, "1"), v1Answers);
    expect(read.version).toBe("1");
    const hours = read.sections.find((s) => s.id === "hours")!.questions.find((x) => x.id === "hours_max_weekly");
    expect(hours).toEqual({ id: "hours_max_weekly", type: "number", textKey: "questionnaire:question.hours_max_weekly.text", helpKey: null, answer: { kind: "number", value: 72, unitKey: "questionnaire:unit.hours" } });
    expect(read.unread).toEqual([]);
    // And they still mean what they meant: 72 hours is excessive overtime.
    expect(observationsFrom(v1, v1Answers).excessive_overtime?.present).toBe(true);
  });

  it("the same answers read with v2 do not know the retired question: why each response keeps its version", () => {
    const read = readAnswers(v2, v1Answers);
    expect(read.unread).toEqual(["hours_max_weekly"]);
    expect(read.sections.flatMap((s) => s.questions).find((x) => x.id === "hours_weeks_over_60")?.answer).toBeNull();
  });

  it("reads every type for display, and shows a stored value of the wrong shape as stored", () => {
    const read = readAnswers(v1, { ...clean, contract_language: "other_language", grievance_procedure_file: 7, recruiters_used: true, recruiters_list: [{ name: "A", country: "NP" }], recruiters_licensed: "all", recruiters_licences_checked_on: "2026-11-02", housing_remote: "perhaps" });
    const answer = (id: string) => read.sections.flatMap((s) => s.questions).find((x) => x.id === id)?.answer;
    expect(answer("contract_language")).toEqual({ kind: "text", key: "questionnaire:question.contract_language.option.other_language" });
    expect(answer("documents_held")).toEqual({ kind: "text", key: "questionnaire:answer.no" });
    expect(answer("grievance_procedure_file")).toEqual({ kind: "file", evidenceId: 7 });
    expect(answer("recruiters_list")).toEqual({ kind: "recruiters", list: [{ name: "A", country: "NP" }] });
    expect(answer("recruiters_licences_checked_on")).toEqual({ kind: "date", value: "2026-11-02" });
    expect(answer("housing_remote")).toEqual({ kind: "unreadable", raw: '"perhaps"' });
  });
});

describe("ask only what matters", () => {
  const method = loadMethodologyFile("fixtures/methodology/v2.1.json");
  const ref = sampleReference();
  // Bricks from India: a TVPRA forced-labour listing, with a migrant workforce.
  const highRisk = scoreSupplier(supplierInputs({ country: "IN", sector: "Manufacturing", products: ["Bricks"], migrantShare: 0.6 }), method, ref).factors;
  // Nothing about the context: every unknown indicator at the base rate.
  const lowRisk = scoreSupplier(supplierInputs(), method, ref).factors;

  it("a high-risk context puts the passport, fee and debt questions first, each saying why", () => {
    const ranked = orderQuestions(v2, highRisk);
    const first = ranked.slice(0, 8).map((r) => r.question.id);
    expect(first).toContain("documents_held");
    expect(first).toContain("fees_paid_by_workers");
    expect(first).toContain("wages_can_leave_owing");
    const position = (id: string) => ranked.findIndex((r) => r.question.id === id);
    expect(position("documents_held")).toBeLessThan(position("housing_remote"));
    expect(position("fees_paid_by_workers")).toBeLessThan(position("grievance_violence_reported"));
    // A follow-up stays right after the question that opens it.
    expect(position("documents_returned_same_day")).toBe(position("documents_held") + 1);
    const docs = ranked[position("documents_held")]!;
    expect(docs.why).toMatchObject({ indicator: "retention_of_documents", narrowsBy: 12, messageKey: "questionnaire:why.narrows", values: { indicatorKey: "indicators:ilo.retention_of_documents", points: 12 } });
    expect(docs.worth).toBeGreaterThan(8);
    // Every question is still there, once.
    expect(ranked.map((r) => r.question.id).sort()).toEqual(v2.questions.map((x) => x.id).sort());
    expect(isLowRiskContext(highRisk)).toBe(false);
    expect(shortQuestionnaire(v2, highRisk)).toHaveLength(v2.questions.length);
  });

  it("an indicator already observed has nothing left to narrow: its question drops to the end, without a why", () => {
    const observed = scoreSupplier(supplierInputs({ country: "IN", products: ["Bricks"], migrantShare: 0.6, indicators: { retention_of_documents: { present: false, source: "audit", date: "2026-10-01" } } }), method, ref).factors;
    const ranked = orderQuestions(v2, observed);
    const docs = ranked.find((r) => r.question.id === "documents_held")!;
    expect(docs.why).toBeNull();
    expect(docs.whyKey).toBe("questionnaire:why.core");
    expect(ranked.find((r) => r.question.id === "recruiters_used")?.whyKey).toBe("questionnaire:why.core");
    expect(ranked.find((r) => r.question.id === "wages_loans_to_workers")?.whyKey).toBe("questionnaire:why.context");
    expect(ranked.find((r) => r.question.id === "fees_paid_by_workers")?.whyKey).toBe("questionnaire:why.narrows");
    expect(docs.worth).toBe(0);
    expect(ranked.findIndex((r) => r.question.id === "documents_held")).toBeGreaterThan(ranked.findIndex((r) => r.question.id === "housing_remote"));
  });

  it("a low-risk context gets the short list: the core questions and their follow-ups", () => {
    expect(isLowRiskContext(lowRisk)).toBe(true);
    const short = shortQuestionnaire(v2, lowRisk);
    const ids = short.map((r) => r.question.id);
    const core = v2.questions.filter((x) => x.core).map((x) => x.id);
    for (const id of core) expect(ids).toContain(id);
    // Follow-ups of a core question stay (they show only when its answer opens them) ...
    expect(ids).toContain("documents_returned_same_day");
    // ... the other questions go: a supplier whose gates stay closed sees the core questions, and the
    // upload of the grievance procedure its "yes, we have a channel" opens.
    for (const id of ["housing_remote", "contract_terms_as_promised", "resign_deposit_forfeited", "grievance_violence_reported", "wages_loans_to_workers", "wages_can_leave_owing"]) expect(ids).not.toContain(id);
    const seen = visibleQuestions(v2, clean).filter((x) => ids.includes(x.id));
    expect(seen.map((x) => x.id).sort()).toEqual([...core, "grievance_procedure_file"].sort());
    expect(core.length).toBeLessThan(v2.questions.length / 2);
    expect(short.every((r) => r.question.core || r.worth <= SHORT_LIST_MIN_WORTH)).toBe(true);
  });

  it("a red flag already present is never a low-risk context", () => {
    const flagged = scoreSupplier(supplierInputs({ indicators: { debt_bondage: { present: true, source: "audit", date: "2026-10-01" } } }), method, ref).factors;
    expect(isLowRiskContext(flagged)).toBe(false);
    expect(shortQuestionnaire(v2, flagged)).toHaveLength(v2.questions.length);
  });
});

describe("the definition check refuses a broken file, naming the question", () => {
  const broken = (edit: (d: typeof v1Json) => void) => {
    const d = structuredClone(v1Json);
    edit(d);
    return () => parseQuestionnaireDefinition(d, "v1-broken.json");
  };
  const questionAt = (d: typeof v1Json, id: string) => d.sections.flatMap((s) => s.questions as Record<string, unknown>[]).find((x) => x.id === id)!;

  it("accepts the shipped file", () => {
    expect(() => parseQuestionnaireDefinition(structuredClone(v1Json))).not.toThrow();
  });

  it.each([
    ["an unknown type", (d: typeof v1Json) => (questionAt(d, "documents_held").type = "essay"), /question "documents_held".*type/],
    ["an unknown indicator", (d: typeof v1Json) => ((questionAt(d, "documents_held").informs as { indicator: string }[])[0]!.indicator = "passports"), /question "documents_held".*indicator/],
    ["a condition on a later question", (d: typeof v1Json) => (questionAt(d, "workforce_migrant").showIf = { question: "housing_provided", equals: true }), /question "workforce_migrant": showIf reads "housing_provided", which is not a question asked before/],
    ["a condition on a question that does not exist", (d: typeof v1Json) => (questionAt(d, "documents_returned_same_day").showIf = { question: "documents_kept", equals: true }), /question "documents_returned_same_day": showIf reads "documents_kept"/],
    ["a choice value the question does not offer", (d: typeof v1Json) => (questionAt(d, "recruiters_licences_checked_on").showIf = { question: "recruiters_licensed", in: ["most"] }), /question "recruiters_licences_checked_on": showIf on "recruiters_licensed": "most" is not one of the options/],
    ["greaterThan on a yes/no", (d: typeof v1Json) => ((questionAt(d, "documents_held").informs as { present: unknown }[])[0]!.present = { greaterThan: 1 }), /question "documents_held": informs retention_of_documents \(present\)/],
    ["a duplicate id", (d: typeof v1Json) => (questionAt(d, "housing_remote").id = "housing_provided"), /question "housing_provided": the id appears twice/],
    ["min above max", (d: typeof v1Json) => (questionAt(d, "hours_max_weekly").min = 200), /question "hours_max_weekly": min 200 is above max 168/],
    ["a choice without options", (d: typeof v1Json) => delete questionAt(d, "contract_language").options, /question "contract_language": a choice question needs options/],
    ["a source not listed", (d: typeof v1Json) => (questionAt(d, "housing_remote").sources = ["hearsay"]), /question "housing_remote": source "hearsay"/],
    ["a stray field", (d: typeof v1Json) => (questionAt(d, "housing_remote").reqired = true), /question "housing_remote"/],
  ])("%s", (_name, edit, message) => {
    const run = broken(edit);
    expect(run).toThrow(QuestionnaireDefinitionError);
    expect(run).toThrow(message);
    expect(run).toThrow(/^v1-broken\.json: /);
  });
});

describe("the words", () => {
  const en = catalogs.en.questionnaire as unknown as Record<string, unknown>;
  const has = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en) !== undefined;

  it("every section, question, help, option and unit of every version has its English words", () => {
    const missing: string[] = [];
    for (const version of questionnaireVersions(SAQ_FORCED_LABOUR)) {
      const def = loadQuestionnaire(SAQ_FORCED_LABOUR, version);
      for (const s of def.sections) if (!has(`section.${s.id}`)) missing.push(`section.${s.id}`);
      for (const x of def.questions) {
        const keys = [`question.${x.id}.text`, ...(x.help ? [`question.${x.id}.help`] : []), ...(x.options ?? []).map((o) => `question.${x.id}.option.${o}`), ...(x.unit ? [`unit.${x.unit}`] : [])];
        missing.push(...keys.filter((k) => !has(k)).map((k) => `v${version} ${k}`));
      }
    }
    expect(missing).toEqual([]);
  });

  it("a refusal names the question in the reader's language, with what was given and what is expected", () => {
    const e = parseAnswer(q("fees_share_of_workers"), "101") as Invalid;
    expect(translateMessage("en", e.message, e.values)).toBe("101 is above 100, the highest answer to \u201cWhat share of your workers paid such fees or costs?\u201d.");
    expect(translateMessage("de", e.message, e.values)).toContain("Welcher Anteil Ihrer Beschäftigten hat solche Gebühren");
    const why = orderQuestions(v2, scoreSupplier(supplierInputs({ country: "IN", products: ["Bricks"] }), loadMethodologyFile("fixtures/methodology/v2.1.json"), sampleReference()).factors).find((r) => r.question.id === "documents_held")!.why!;
    expect(translateMessage("fr", why.messageKey, why.values)).toMatch(/« Rétention des documents d'identité » est présent : elle peut réduire l'intervalle de votre score de 12 points/);
  });
});
