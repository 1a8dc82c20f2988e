/**
 * The embedded Unicode font: DejaVu Sans (npm package dejavu-fonts-ttf, Bitstream Vera / public
 * domain licence). It covers Latin with every diacritic we meet in supplier names ("Şişecam",
 * "Nguyễn", "Łódź"), Greek and Cyrillic, so names are never replaced by boxes; the PDF embeds only
 * the glyphs it uses.
 */
import { createRequire } from "node:module";
import path from "node:path";

function fontFile(name: string): string {
  try {
    return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
  } catch {
    // The server bundle resolves from build/; the package is still in node_modules.
    return path.resolve(process.cwd(), "node_modules/dejavu-fonts-ttf/ttf", name);
  }
}

export const FONTS = {
  regular: fontFile("DejaVuSans.ttf"),
  bold: fontFile("DejaVuSans-Bold.ttf"),
  mono: fontFile("DejaVuSansMono.ttf"),
};
