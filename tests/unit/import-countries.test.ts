/** Country cells of a list in the interface languages and their exonyms (issue 15, item 4; decision 018). */
import { describe, expect, it } from "vitest";
import { resolveCountryName } from "~/domain/import/country-names.server";

describe("country names in other languages", () => {
  it.each([
    ["Deutschland", "DE"], ["Allemagne", "DE"], ["Alemania", "DE"], ["Jerman", "DE"], ["เยอรมนี", "DE"],
    ["España", "ES"], ["espana", "ES"], ["Espagne", "ES"], ["Sepanyol", "ES"],
    ["Türkei", "TR"], ["TURQUIE", "TR"], ["Turquía", "TR"],
    ["Viet Nam", "VN"], ["Việt Nam", "VN"], ["Côte d'Ivoire", "CI"], ["Côte-d’Ivoire", "CI"], ["Elfenbeinküste", "CI"], ["Costa de Marfil", "CI"],
    ["Myanmar", "MM"], ["Burma", "MM"], ["Myanmar (Burma)", "MM"],
    ["Großbritannien", "GB"], ["Grossbritannien", "GB"], ["Royaume-Uni", "GB"], ["Vereinigte Staaten", "US"], ["Estados Unidos", "US"], ["Amerika Syarikat", "US"],
    ["Korea Selatan", "KR"], ["Corée du Sud", "KR"], ["Südkorea", "KR"], ["Guinea", "GN"], ["Guinée", "GN"], ["Guinea Ecuatorial", "GQ"],
  ])("reads %s as %s", (text, code) => {
    expect(resolveCountryName(text)).toEqual({ ok: true, code });
  });

  it("keeps reading codes and the spellings it read before", () => {
    for (const [text, code] of [["ET", "ET"], ["de", "DE"], ["MYS", "MY"], ["UK", "GB"], ["USA", "US"], ["Korea, Republic of", "KR"], ["South Korea", "KR"], ["Ivory Coast", "CI"], ["Türkiye", "TR"], ["China", "CN"]]) {
      expect(resolveCountryName(text!)).toEqual({ ok: true, code });
    }
  });

  it("does not pick one country for a name that means several", () => {
    expect(resolveCountryName("Congo")).toMatchObject({ ok: false, ambiguous: [{ alpha2: "CD" }, { alpha2: "CG" }] });
    expect(resolveCountryName("Kongo")).toMatchObject({ ok: false, ambiguous: [{ alpha2: "CD" }, { alpha2: "CG" }] });
    expect(resolveCountryName("KOREA")).toMatchObject({ ok: false, ambiguous: [{ alpha2: "KP" }, { alpha2: "KR" }] });
    expect(resolveCountryName("Virgin Islands")).toMatchObject({ ok: false, ambiguous: [{ alpha2: "VG" }, { alpha2: "VI" }] });
    // A part of many names is not a country at all.
    expect(resolveCountryName("Islands")).toEqual({ ok: false, ambiguous: null, suggestion: null });
  });

  it("still suggests the closest name for a misspelling", () => {
    expect(resolveCountryName("Malaysa")).toMatchObject({ ok: false, ambiguous: null, suggestion: { alpha2: "MY" } });
    expect(resolveCountryName("Atlantis")).toEqual({ ok: false, ambiguous: null, suggestion: null });
  });
});
