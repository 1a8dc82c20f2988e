/** The watchlist name matcher (ADR 016): normalisation, the labelled sample, blocking and the country filter. */
import { describe, expect, it } from "vitest";
import { CANDIDATE_THRESHOLD, nameSimilarity, nameTokens, normaliseName, WatchlistIndex } from "~/domain/watchlists/matching";
import { labelledPairs } from "../bench/watchlists";

describe("watchlist matching", () => {
  it("normalises case, accents, punctuation and legal forms in many languages, and ignores word order", () => {
    expect(normaliseName("Café São João Ltda.")).toBe("cafe sao joao ltda");
    expect(nameTokens("SINAR JAYA GLOVES SDN. BHD.")).toEqual(["glove", "jaya", "sinar"]);
    expect(nameTokens("Textiles del Norte, S.A. de C.V.")).toEqual(["del", "norte", "textile"]);
    expect(nameTokens("Polysilicon Tianshan Co Ltd")).toEqual(nameTokens("Tianshan Polysilicon Company Limited"));
    expect(nameTokens("天山多晶硅股份有限公司")).toEqual(nameTokens("天山多晶硅有限公司"));
    expect(nameTokens("PT Samudera Ikan Nusantara Tbk")).toEqual(["ikan", "nusantara", "samudera"]);
    expect(nameSimilarity("Mohammed Hussain Recruiting Agency", "Muhammad Husain Recruiting Agency")).toBe(1);
    expect(nameSimilarity("Mohammed Hussain Recruiting Agency", "Mohammed Hassan Recruiting Agency")).toBeLessThan(CANDIDATE_THRESHOLD);
  });

  it("separates the labelled pairs (fixtures/watchlists/labelled-pairs.csv) at the candidate threshold", () => {
    const result = labelledPairs();
    expect(result.pairs).toBeGreaterThanOrEqual(60);
    expect(result.wrong).toEqual([]);
  });

  it("finds an entry by alias, and not across countries when both sides have one", () => {
    const index = new WatchlistIndex([
      { key: "a", name: "Sinar Jaya Gloves Sdn Bhd", aliases: ["SJ Gloves"], country: "MY" },
      { key: "b", name: "Hengda Textile Co Ltd", aliases: [], country: null },
    ]);
    expect(index.match("SJ GLOVES", "MY").map((h) => [h.key, h.matchedName])).toEqual([["a", "SJ Gloves"]]);
    expect(index.match("Sinar Jaya Gloves", "DE")).toEqual([]);
    expect(index.match("Sinar Jaya Gloves", null).map((h) => h.key)).toEqual(["a"]);
    expect(index.match("Hengda Textiles Limited", "CN").map((h) => h.key)).toEqual(["b"]);
    expect(index.match("Hengda Steel Co Ltd", "CN")).toEqual([]);
  });
});
