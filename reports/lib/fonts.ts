/**
 * The embedded fonts. DejaVu Sans (npm package dejavu-fonts-ttf, Bitstream Vera / public domain
 * licence) sets Latin with every diacritic we meet in supplier names ("Şişecam", "Nguyễn", "Łódź"),
 * Greek and Cyrillic. The scripts DejaVu lacks are set in Noto (npm @expo-google-fonts/noto-*,
 * SIL OFL 1.1): Thai, Devanagari, Bengali, Myanmar, Khmer and the Arabic script (Naskh, for Urdu
 * too). Text is split into runs by Unicode script (`scriptRuns`) and each run drawn in the font
 * that covers it; fontkit shapes each run (Thai marks, Indic conjuncts, Arabic joining), and the
 * PDF embeds only the glyphs it uses, only of the fonts a report actually uses.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

function resolveFile(spec: string): string {
  try {
    return require.resolve(spec);
  } catch {
    // The server bundle resolves from build/; the packages are still in node_modules.
    return path.resolve(process.cwd(), "node_modules", spec);
  }
}

export const FONTS = {
  regular: resolveFile("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: resolveFile("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  mono: resolveFile("dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf"),
};

/** A script DejaVu does not cover, the pdfkit font names of its Noto faces, and its files. */
export interface ScriptFont {
  /** Unicode script name, as in `\p{Script=…}`. */
  script: string;
  regular: string;
  bold: string;
  files: { regular: string; bold: string };
  /** Right-to-left: the run is laid out whole so fontkit puts its words in reading order. */
  rtl: boolean;
  test: RegExp;
}

const noto = (pkg: string, file: string) => ({
  regular: resolveFile(`@expo-google-fonts/${pkg}/400Regular/${file}_400Regular.ttf`),
  bold: resolveFile(`@expo-google-fonts/${pkg}/700Bold/${file}_700Bold.ttf`),
});

export const SCRIPT_FONTS: ScriptFont[] = [
  { script: "Thai", regular: "Thai", bold: "Thai-Bold", files: noto("noto-sans-thai", "NotoSansThai"), rtl: false, test: /\p{Script=Thai}/u },
  { script: "Devanagari", regular: "Deva", bold: "Deva-Bold", files: noto("noto-sans-devanagari", "NotoSansDevanagari"), rtl: false, test: /\p{Script=Devanagari}/u },
  { script: "Bengali", regular: "Beng", bold: "Beng-Bold", files: noto("noto-sans-bengali", "NotoSansBengali"), rtl: false, test: /\p{Script=Bengali}/u },
  { script: "Myanmar", regular: "Mymr", bold: "Mymr-Bold", files: noto("noto-sans-myanmar", "NotoSansMyanmar"), rtl: false, test: /\p{Script=Myanmar}/u },
  { script: "Khmer", regular: "Khmr", bold: "Khmr-Bold", files: noto("noto-sans-khmer", "NotoSansKhmer"), rtl: false, test: /\p{Script=Khmer}/u },
  { script: "Arabic", regular: "Arab", bold: "Arab-Bold", files: noto("noto-naskh-arabic", "NotoNaskhArabic"), rtl: true, test: /\p{Script=Arabic}/u },
];

interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const coverage = new Map<string, CoverageFont>();

/** Whether a script's font has a glyph for a character (punctuation and digits are shared by every script). */
function covers(font: ScriptFont, codePoint: number): boolean {
  let f = coverage.get(font.script);
  if (!f) {
    const fontkit = require("fontkit") as { create(buffer: Buffer): CoverageFont };
    f = fontkit.create(readFileSync(font.files.regular));
    coverage.set(font.script, f);
  }
  return f.hasGlyphForCodePoint(codePoint);
}

export interface Run {
  text: string;
  /** null: DejaVu. */
  font: ScriptFont | null;
}

const SHARED = /[\p{Script=Common}\p{Script=Inherited}]/u;
const SPACE = /\s/u;

/**
 * The text cut into runs, each in one font: a character of a script DejaVu lacks goes to that
 * script's Noto font; shared characters (spaces, punctuation, digits, combining marks) stay with
 * the run they are in when its font has them. An Arabic-script run keeps only its own letters,
 * spaces and the punctuation of the script (digits and Latin punctuation would be reversed with it),
 * and gives its trailing spaces to what follows.
 */
export function scriptRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let font: ScriptFont | null = SCRIPT_FONTS.find((f) => f.test.test(ch)) ?? null;
    const last = runs[runs.length - 1];
    if (!font && SHARED.test(ch) && last?.font) {
      const keep = last.font.rtl ? SPACE.test(ch) || (/[\u060C\u061B\u061F\u06D4]/u.test(ch) && covers(last.font, cp)) : SPACE.test(ch) || covers(last.font, cp);
      if (keep) font = last.font;
    }
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  // Trailing spaces of a right-to-left run would be drawn before it: they belong to what follows.
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (!r.font?.rtl) continue;
    const trail = /\s+$/u.exec(r.text)?.[0];
    if (!trail || trail.length === r.text.length) continue;
    r.text = r.text.slice(0, -trail.length);
    const next = runs[i + 1];
    if (next && !next.font?.rtl) next.text = trail + next.text;
    else runs.splice(i + 1, 0, { text: trail, font: null });
  }
  return runs;
}

const UNSPACED = /[\p{Script=Thai}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const ZWSP = "\u200B";
let segmenter: Intl.Segmenter | null = null;

/**
 * Thai, Khmer and Burmese do not put spaces between words, and pdfkit breaks lines only where
 * Unicode's line-break rules allow: without help a long phrase is one unbreakable "word". A zero
 * width space between the words ICU's dictionary finds lets a line break there (and nowhere
 * inside a word); it is invisible, and both DejaVu and the Noto fonts have it.
 */
export function withWordBreaks(text: string): string {
  if (!UNSPACED.test(text)) return text;
  segmenter ??= new Intl.Segmenter("th", { granularity: "word" });
  let out = "";
  let previousWord = false;
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const word = Boolean(isWordLike) && UNSPACED.test(segment);
    if (word && previousWord) out += ZWSP;
    out += segment;
    previousWord = word;
  }
  return out;
}

/** Splits at spaces and at the word breaks `withWordBreaks` marks. */
export const WORD_GAP = /[\s\u200B]+/u;
