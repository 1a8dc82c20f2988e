/**
 * What a change to an audit did to the audited workplace's score, and why: the two stored scores'
 * breakdowns compared line by line. Kept with the audit event (its `details.score`), so that the
 * history says "score 50.1 → 60.1: Withholding of wages +10.0 (audit of …)" from what was
 * computed, never from what the change was expected to do.
 */
import type { Factor } from "../risk/types";

export interface ScoreChangeLine {
  label: string;
  /** Points the line adds now minus what it added before. */
  delta: number;
  /** What the input is now, as the breakdown says it ("audit #3 of 2026-12-01, no critical findings"). */
  value: string;
}

export interface ScoreChange {
  from: number | null;
  to: number | null;
  fromBand: string | null;
  toBand: string | null;
  because: ScoreChangeLine[];
}

interface Scored {
  score: number;
  band: string;
  factors: Factor[];
}

/** Rounded as the pages show scores (one decimal), so that "unchanged" is what a reader sees. */
const round = (n: number) => Math.round(n * 10) / 10;

/** The difference between two stored scores of one workplace (null before the first score). */
export function explainScoreChange(before: Scored | null, after: Scored | null): ScoreChange {
  const old = new Map((before?.factors ?? []).map((f) => [f.code, f]));
  const because: ScoreChangeLine[] = [];
  for (const f of after?.factors ?? []) {
    const was = old.get(f.code);
    const delta = round(f.contribution - (was?.contribution ?? 0));
    // A line whose input changed says so even when its points did not (a newer audit taking an
    // older one's place as the clean audit): the change did something, the score just kept.
    if (delta !== 0 || (was && was.value !== f.value)) because.push({ label: f.label, delta, value: f.value });
  }
  // The lines that moved the score most first.
  because.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  return { from: before ? round(before.score) : null, to: after ? round(after.score) : null, fromBand: before?.band ?? null, toBand: after?.band ?? null, because };
}

const signed = (n: number) => (n === 0 ? "±0.0" : `${n > 0 ? "+" : "−"}${Math.abs(n).toFixed(1)}`);

/** "score 50.1 → 60.1 (medium → high): Withholding of wages +10.0 (…)", or what changed without moving it. */
export function scoreChangeText(c: ScoreChange): string {
  const score = (n: number | null) => (n === null ? "not scored" : n.toFixed(1));
  if (c.from === c.to && c.because.length === 0) return `score unchanged at ${score(c.to)}: nothing in its breakdown depends on this change`;
  const lines = c.because.map((l) => `${l.label} ${signed(l.delta)} (${l.value})`).join("; ");
  if (c.from === c.to) return `score unchanged at ${score(c.to)}: ${lines}`;
  const bands = c.fromBand !== c.toBand ? ` (${c.fromBand ?? "none"} → ${c.toBand ?? "none"})` : "";
  const why = c.because.length ? lines : "the lines moved by less than 0.1 each";
  return `score ${score(c.from)} → ${score(c.to)}${bands}: ${why}`;
}
