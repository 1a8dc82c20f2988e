/**
 * A channel's printed poster: the QR code of its short link, as SVG made here on the server (no
 * script, no image request: it prints as sharp vectors), and the poster's sentences in the
 * workers' languages.
 */
import QRCode from "qrcode";
import { serverT } from "~/i18n/i18n.server";
import { ALL_CODES, languageOf } from "~/i18n/languages";
import { PosterLanguagesSchema } from "./channels.schemas";

/** The poster's sentences, in the order printed (catalog `public:poster.*`). */
export const POSTER_LINES = ["safely", "noName", "code", "company"] as const;

/**
 * The QR code as an SVG document. Error correction M (15 %): a poster gets creased and marked;
 * the quiet zone of 4 modules is the standard's. The output is deterministic for a given text.
 */
export async function qrSvg(text: string): Promise<string> {
  return await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } });
}

/**
 * The languages a poster is printed in: those asked for (at most three, unknown ones dropped),
 * else English. The platform keeps no map from a workplace's country to its workers' languages
 * (migrant workforces differ by site), so the organisation picks them.
 */
export function posterLanguages(asked: string[]): { codes: string[]; tooMany: boolean } {
  const known = [...new Set(asked.filter((c) => ALL_CODES.includes(c)))];
  const parsed = PosterLanguagesSchema.safeParse(known.slice(0, 3));
  return { codes: parsed.success ? parsed.data : ["en"], tooMany: known.length > 3 };
}

export interface PosterBlock {
  lang: string;
  dir: "ltr" | "rtl";
  heading: string;
  lines: string[];
  scan: string;
}

export function posterBlocks(codes: string[]): PosterBlock[] {
  return codes.map((lang) => {
    const t = serverT(lang, "public");
    return { lang, dir: languageOf(lang).dir, heading: t("poster.safely"), lines: POSTER_LINES.slice(1).map((k) => t(`poster.${k}`)), scan: t("poster.scan") };
  });
}
